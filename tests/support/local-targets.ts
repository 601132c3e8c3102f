// The tests' own servers (the OpenID provider of tests/support/oidc-op.ts) listen on 127.0.0.1, which
// the outbound-address guard refuses unless CONNECTIONS_ALLOW_LOCAL_TARGETS=1 (set for the e2e server
// too, scripts/e2e.ts). For the tests of one file, undone after it (the guard's own tests run without).
import { afterAll, beforeAll, vi } from "vitest";

export function allowLocalTargetsInThisFile() {
  beforeAll(() => {
    vi.stubEnv("CONNECTIONS_ALLOW_LOCAL_TARGETS", "1");
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });
}
