// PUT /api/v1/credentials/<id>: replace the credential's value ({ value }). DELETE: delete it.
import { deleteCredential, replaceCredential } from "@/app/t/[slug]/credentials/actions";
import { apiTenantAction } from "@/lib/api/api-action";

type Context = { params: Promise<{ credentialId: string }> };

export async function PUT(request: Request, { params }: Context): Promise<Response> {
  const { credentialId } = await params;
  return apiTenantAction(request, replaceCredential, { path: { credentialId } });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { credentialId } = await params;
  return apiTenantAction(request, deleteCredential, { path: { credentialId }, body: false });
}
