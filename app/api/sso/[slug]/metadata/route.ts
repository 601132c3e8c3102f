// GET /api/sso/<slug>/metadata: this tenant's SAML service-provider metadata, for its Admin to give
// their identity provider (also the SP's entity id). Public, as SP metadata is meant to be: it names
// only addresses of this console. Any slug answers alike, so it says nothing of which tenants exist.
import { publicOrigin } from "@/lib/app-url";
import { serviceProviderMetadata } from "@/lib/sso/saml-service-provider";
import { SLUG_PATTERN } from "@/lib/tenant-slug";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!SLUG_PATTERN.test(slug)) return new Response("Not found", { status: 404 });
  return new Response(serviceProviderMetadata(publicOrigin(), slug), {
    headers: {
      "content-type": "application/samlmetadata+xml; charset=utf-8",
      "content-disposition": `attachment; filename="${slug}-sp-metadata.xml"`,
    },
  });
}
