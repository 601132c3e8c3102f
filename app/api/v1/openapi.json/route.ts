// GET /api/v1/openapi.json: the REST API's OpenAPI 3.1 document (public: it describes, it reveals
// nothing of any tenant). Built once per server process.
import { openApiDocument } from "./openapi-document";

let document: ReturnType<typeof openApiDocument> | null = null;

export async function GET(): Promise<Response> {
  document ??= openApiDocument();
  return Response.json(document, { headers: { "cache-control": "public, max-age=300" } });
}
