// What a customer's backend signs to call the API as one of its tenants (issue 13, item 5, README
// "Tenants from a signed token"): which integration (the `kid` header, or `iss`), for whom (`aud`, the
// fixed audience below), which tenant (its id in the customer's system and its name) and who is calling.
import { z } from "zod";

/** A bearer token that is no valid signed token of a live integration (which check failed is not said). */
export const TOKEN_UNUSABLE_MESSAGE = "The token is invalid or expired, or its integration was revoked.";

/** The audience every token must name: fixed, so a token is valid for this API whatever its URL. */
export const TOKEN_AUDIENCE = "tenantry-api";
/** No token lives longer than this from its `iat`, whatever its `exp` says. */
export const TOKEN_MAX_AGE_SECONDS = 3600;
/** Clock skew allowed between the customer's servers and ours, for exp, nbf and iat. */
export const TOKEN_CLOCK_TOLERANCE_SECONDS = 30;

// Three base64url parts, the shape of a JWS in compact form; what a bearer value must look like to be
// read as a token rather than an API key. Bounded, so nothing huge is parsed.
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const JWT_MAX_LENGTH = 8192;

export const looksLikeJwt = (value: string) => value.length <= JWT_MAX_LENGTH && JWT_SHAPE.test(value);

export const TokenClaims = z.object({
  /** The tenant's id in the customer's system: with the integration, it names one of our tenants. */
  tenant_id: z.string().trim().min(1).max(200),
  /** The tenant's name, used when the first call creates it. */
  tenant_name: z.string().trim().min(1).max(100),
  /** Who is calling, recorded with the integration's name as the actor of every change. */
  email: z.email().max(254),
});
export type TokenClaims = z.infer<typeof TokenClaims>;
