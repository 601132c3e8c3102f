// The steps the user and superadmin wrappers share before their transaction: the input parsed
// (field errors first, so a form shows them whatever the session), then the signed-in user and the
// caller's address. Tenant actions check more (the actor, the login policy) and do their own.
import "server-only";
import type { z } from "zod";
import { failure, type ActionResult } from "../action-result";
import { getSessionUser, type SessionUser } from "../actor";
import { clientIp } from "../client-ip";
import { SIGNED_OUT_MESSAGE, parseInput } from "./core";

export type SignedInCall<Schema extends z.ZodType> =
  | { ok: true; input: z.output<Schema>; user: SessionUser; ip: string | null }
  | { ok: false; result: ActionResult<never> };

export async function signedInCall<Schema extends z.ZodType>(schema: Schema, rawInput: unknown): Promise<SignedInCall<Schema>> {
  const parsed = parseInput(schema, rawInput);
  if (!parsed.ok) return parsed;
  const user = await getSessionUser();
  if (!user) return { ok: false, result: failure("UNAUTHENTICATED", SIGNED_OUT_MESSAGE) };
  return { ok: true, input: parsed.input, user, ip: await clientIp() };
}
