// A bearer token from a customer's backend, verified with jose against its integration's key: the
// integration named by the `kid` header (or, without one, the `iss` claim), live (not revoked); the
// algorithm pinned to the integration's own (so no `alg: none`, and no HS256 token "signed" with an
// RS256 integration's public key); `exp` and `iat` required, the token at most an hour old, `nbf`
// honoured, the audience TOKEN_AUDIENCE; then the claims naming the tenant and the caller. Anything
// else is null: the door answers 401 without saying which check failed.
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { z } from "zod";
import { withSystem } from "@/db/scopes";
import { findLiveIntegration } from "@/db/queries/integrations";
import type { Integration } from "@/db/schema";
import { verificationKeyOf } from "./integration-key";
import { TOKEN_AUDIENCE, TOKEN_CLOCK_TOLERANCE_SECONDS, TOKEN_MAX_AGE_SECONDS, TokenClaims } from "./token-claims";

export interface VerifiedToken {
  integration: Integration;
  claims: TokenClaims;
}

const IntegrationId = z.uuid();

/** The integration id the token names (kid, else iss), unverified: it only picks the key. */
function namedIntegration(token: string): string | null {
  try {
    const kid = decodeProtectedHeader(token).kid;
    const named = kid ?? decodeJwt(token).iss;
    return IntegrationId.safeParse(named).success ? named! : null;
  } catch {
    return null;
  }
}

export async function verifyIntegrationToken(token: string): Promise<VerifiedToken | null> {
  const integrationId = namedIntegration(token);
  if (!integrationId) return null;
  const integration = await withSystem((tx) => findLiveIntegration(tx, integrationId));
  if (!integration) return null;
  try {
    const { payload } = await jwtVerify(token, await verificationKeyOf(integration), {
      algorithms: [integration.algorithm],
      audience: TOKEN_AUDIENCE,
      maxTokenAge: TOKEN_MAX_AGE_SECONDS,
      clockTolerance: TOKEN_CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iat"],
    });
    // A token naming its integration both ways must name the same one.
    if (payload.iss !== undefined && payload.iss !== integration.id) return null;
    const claims = TokenClaims.safeParse(payload);
    return claims.success ? { integration, claims: claims.data } : null;
  } catch {
    return null;
  }
}
