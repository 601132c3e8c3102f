// A sample of `npm run fuzz` in the end-to-end suite: 400 generated inputs (NUL, lone surrogates,
// 100 kB strings, SQL and HTML metacharacters, wrong types, odd dates, cursors, paths) against every
// page parameter, route and discovered server action of the production build under test, signed in
// as an Admin and a Viewer of the fuzz world's tenant. Any 5xx fails the spec, with the request.
import { expect, test } from "@playwright/test";
import { runFuzz } from "../../scripts/fuzz/run";
import { signIn } from "../support/sign-in";

const SAMPLE_INPUTS = 400;
const SEED = 20_261_202;

test("400 generated inputs get no 5xx", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const sessionCookie = async (email: string) => {
    const context = await browser.newContext();
    await signIn(await context.newPage(), email);
    const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
    await context.close();
    expect(session, `a session for ${email}`).toBeDefined();
    return `${session!.name}=${session!.value}`;
  };
  const admin = await sessionCookie("admin@fuzz.e2e.test");
  const viewer = await sessionCookie("viewer@fuzz.e2e.test");

  const result = await runFuzz({
    baseUrl: baseURL!,
    slug: "fuzz-lab",
    // The demo superadmin stays out of the sample: its actions would reach other specs' tenants.
    cookies: { admin, viewer, superadmin: admin },
    inputs: SAMPLE_INPUTS,
    seed: SEED,
  });
  const failures = result.serverErrors.map(({ request, outcome }) => `${outcome.status} ${request.label}: ${request.method} ${request.path.slice(0, 200)}`);
  expect(result.discovery.actions.length, "server actions discovered").toBeGreaterThan(10);
  expect(result.inputs).toBe(SAMPLE_INPUTS);
  expect(failures).toEqual([]);
});
