// The REST API's OpenAPI 3.1 document, generated (zod-openapi) from the zod schemas themselves: each
// write's request body is the server action's own input schema (less the id the path names), so the
// document cannot drift from what the API accepts; queries and answers are lib/api/v1/schemas.ts.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { addMember } from "@/app/t/[slug]/members/actions/add-member";
import { changeMemberRoles } from "@/app/t/[slug]/members/actions/change-member-roles";
import { removeMember } from "@/app/t/[slug]/members/actions/remove-member";
import { suspendMember } from "@/app/t/[slug]/members/actions/suspend-member";
import { addCredential, deleteCredential, replaceCredential } from "@/app/t/[slug]/credentials/actions";
import { createFlow, deleteFlow, renameFlow, runFlow } from "@/app/t/[slug]/flows/actions";
import { addRow, createDataTable, deleteDataTableAction, deleteRow, editRow, renameDataTableAction } from "@/app/t/[slug]/tables/actions";
import { createConnection, deleteConnection, testConnectionAction, updateConnectionAction } from "@/app/t/[slug]/connections/actions";
import type { Permission } from "@/lib/permissions";
import * as S from "@/lib/api/v1/schemas";
import { TOKEN_AUDIENCE, TOKEN_MAX_AGE_SECONDS } from "@/lib/integrations/token-claims";

type Method = "get" | "post" | "put" | "patch" | "delete";
type PathId = "memberId" | "flowId" | "credentialId" | "connectionId" | "tableId" | "rowId";

const pathIdsOf = (operation: Pick<Operation, "pathId">): readonly PathId[] =>
  operation.pathId === undefined ? [] : typeof operation.pathId === "string" ? [operation.pathId] : operation.pathId;

interface Operation {
  method: Method;
  path: string;
  tag: string;
  summary: string;
  permission: Permission;
  query?: z.ZodObject;
  /** The ids the path names (a row's path names its table too). */
  pathId?: PathId | readonly PathId[];
  body?: z.ZodType;
  status?: 200 | 201;
  answer: z.ZodType;
}

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: S.Problem } } });

/**
 * A write's operation from the server action it runs: the action's permission, and its input schema as
 * the body (less the id the path names; none for a write without a body).
 */
function write(
  action: { definition: { permission: Permission; input: z.ZodType } },
  operation: Omit<Operation, "permission" | "body">,
  options: { body: boolean } = { body: true },
): Operation {
  const input = action.definition.input as z.ZodObject;
  const ids = pathIdsOf(operation);
  const body = ids.length ? input.omit(Object.fromEntries(ids.map((id) => [id, true])) as Record<string, true> & Record<number, never>) : input;
  return { ...operation, permission: action.definition.permission, ...(options.body ? { body } : {}) };
}

const NO_BODY = { body: false };

export const OPERATIONS: Operation[] = [
  { method: "get", path: "/tenant", tag: "Tenant", summary: "The key's tenant", permission: "tenant.read", answer: S.Tenant },
  { method: "get", path: "/members", tag: "Members", summary: "List members (the members page's filters)", permission: "members.read", query: S.MembersQuery, answer: S.MemberPage },
  write(addMember, { method: "post", path: "/members", tag: "Members", summary: "Add a member (sends an invitation)", status: 201, answer: S.AddedMember }),
  write(changeMemberRoles, { method: "patch", path: "/members/{memberId}", tag: "Members", summary: "Change a member's roles", pathId: "memberId", answer: S.MemberRoles }),
  write(removeMember, { method: "delete", path: "/members/{memberId}", tag: "Members", summary: "Remove a member", pathId: "memberId", answer: S.MemberRef }, NO_BODY),
  write(suspendMember, { method: "post", path: "/members/{memberId}/suspend", tag: "Members", summary: "Suspend a member", pathId: "memberId", answer: S.MemberRef }, NO_BODY),
  { method: "get", path: "/flows", tag: "Flows", summary: "List flows", permission: "flows.read", query: S.FlowsQuery, answer: S.FlowPage },
  write(createFlow, { method: "post", path: "/flows", tag: "Flows", summary: "Create a flow", status: 201, answer: S.FlowRef }),
  { method: "get", path: "/flows/{flowId}", tag: "Flows", summary: "One flow", permission: "flows.read", pathId: "flowId", answer: S.Flow },
  write(renameFlow, { method: "patch", path: "/flows/{flowId}", tag: "Flows", summary: "Rename a flow", pathId: "flowId", answer: S.FlowRef }),
  write(deleteFlow, { method: "delete", path: "/flows/{flowId}", tag: "Flows", summary: "Delete a flow and its runs", pathId: "flowId", answer: S.FlowRef }, NO_BODY),
  { method: "get", path: "/flows/{flowId}/runs", tag: "Flows", summary: "A flow's runs, newest first", permission: "flows.read", pathId: "flowId", query: S.RunsQuery, answer: S.RunPage },
  write(runFlow, { method: "post", path: "/flows/{flowId}/runs", tag: "Flows", summary: "Run a flow now", pathId: "flowId", status: 201, answer: S.StartedRun }, NO_BODY),
  { method: "get", path: "/activity", tag: "Activity", summary: "The activity log (the page's filters, keyset cursor)", permission: "activity.read", query: S.ActivityQuery, answer: S.ActivityPage },
  { method: "get", path: "/credentials", tag: "Credentials", summary: "List credentials (metadata, never values)", permission: "credentials.read", answer: S.CredentialList },
  write(addCredential, { method: "post", path: "/credentials", tag: "Credentials", summary: "Add a credential", status: 201, answer: S.CredentialRef }),
  write(replaceCredential, { method: "put", path: "/credentials/{credentialId}", tag: "Credentials", summary: "Replace a credential's value", pathId: "credentialId", answer: S.CredentialRef }),
  write(deleteCredential, { method: "delete", path: "/credentials/{credentialId}", tag: "Credentials", summary: "Delete a credential", pathId: "credentialId", answer: S.CredentialRef }, NO_BODY),
  { method: "get", path: "/connections", tag: "Connections", summary: "List connections (never their secrets)", permission: "connections.read", answer: S.ConnectionList },
  write(createConnection, { method: "post", path: "/connections", tag: "Connections", summary: "Create a connection of a catalog connector", status: 201, answer: S.ConnectionRef }),
  { method: "get", path: "/connections/{connectionId}", tag: "Connections", summary: "One connection (never its secrets)", permission: "connections.read", pathId: "connectionId", answer: S.Connection },
  write(updateConnectionAction, { method: "patch", path: "/connections/{connectionId}", tag: "Connections", summary: "Edit a connection (an absent secret keeps the stored one)", pathId: "connectionId", answer: S.ConnectionRef }),
  write(deleteConnection, { method: "delete", path: "/connections/{connectionId}", tag: "Connections", summary: "Delete a connection", pathId: "connectionId", answer: S.ConnectionRef }, NO_BODY),
  write(testConnectionAction, { method: "post", path: "/connections/{connectionId}/test", tag: "Connections", summary: "Test a connection (calls the target; a failure sets it failing)", pathId: "connectionId", answer: S.ConnectionTest }, NO_BODY),
  { method: "get", path: "/tables", tag: "Tables", summary: "List data tables (with their columns)", permission: "tables.read", answer: S.DataTableList },
  write(createDataTable, { method: "post", path: "/tables", tag: "Tables", summary: "Create a data table (the license's table limit applies)", status: 201, answer: S.DataTableRef }),
  { method: "get", path: "/tables/{tableId}", tag: "Tables", summary: "One data table with its columns", permission: "tables.read", pathId: "tableId", answer: S.DataTable },
  write(renameDataTableAction, { method: "patch", path: "/tables/{tableId}", tag: "Tables", summary: "Rename a data table", pathId: "tableId", answer: S.DataTableRef }),
  write(deleteDataTableAction, { method: "delete", path: "/tables/{tableId}", tag: "Tables", summary: "Delete a data table and its rows", pathId: "tableId", answer: S.DataTableRef }, NO_BODY),
  { method: "get", path: "/tables/{tableId}/rows", tag: "Tables", summary: "A page of a table's rows (the grid's sort, filter, search and keyset paging)", permission: "tables.read", pathId: "tableId", query: S.RowsQuery, answer: S.RowPage },
  write(addRow, { method: "post", path: "/tables/{tableId}/rows", tag: "Tables", summary: "Add a row (the license's row limit applies)", pathId: "tableId", status: 201, answer: S.RowRef }),
  { method: "get", path: "/tables/{tableId}/rows/{rowId}", tag: "Tables", summary: "One row", permission: "tables.read", pathId: ["tableId", "rowId"], answer: S.Row },
  write(editRow, { method: "patch", path: "/tables/{tableId}/rows/{rowId}", tag: "Tables", summary: "Replace a row's values (a field left out is emptied)", pathId: ["tableId", "rowId"], answer: S.RowRef }),
  write(deleteRow, { method: "delete", path: "/tables/{tableId}/rows/{rowId}", tag: "Tables", summary: "Delete a row", pathId: ["tableId", "rowId"], answer: S.RowRef }, NO_BODY),
];

function operationObject(operation: Operation): ZodOpenApiOperationObject {
  const status = operation.status ?? 200;
  return {
    tags: [operation.tag],
    summary: operation.summary,
    description: `Needs a key whose role has \`${operation.permission}\`.`,
    "x-permission": operation.permission,
    requestParams: {
      ...(operation.pathId ? { path: z.object(Object.fromEntries(pathIdsOf(operation).map((id) => [id, z.string().meta({ description: "An id of the key's tenant; any other answers 404." })]))) } : {}),
      ...(operation.query ? { query: operation.query } : {}),
    },
    ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: operation.body } } } } : {}),
    responses: {
      [status]: { description: "OK", content: { "application/json": { schema: operation.answer } } },
      ...(operation.body ? { 400: problem("The body is not a JSON object."), 422: problem("A field is not valid (`errors` has each field's messages).") } : {}),
      401: problem("No key, or one that is mistyped, revoked or expired."),
      403: problem("The key's role does not allow this."),
      ...(operation.pathId ? { 404: problem("No such id in the key's tenant.") } : {}),
      ...(operation.method !== "get" ? { 409: problem("Refused as the console refuses it (a name taken, the last Admin, a limit).") } : {}),
    },
  };
}

export function openApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of OPERATIONS) paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation) };
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Tenantry REST API",
      version: "1",
      description:
        "Everything runs in the caller's tenant (the API key's, or the one an integration's signed token maps to), with its role, through the same checks and activity entries as the console.",
    },
    servers: [{ url: "/api/v1" }],
    // Either scheme (each object is one alternative): a tenant's API key or an integration's signed token.
    security: [{ bearer: [] }, { signedToken: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key (tnt_…) from the tenant's API keys page." },
        signedToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            `A token signed by an integration registered by a superadmin (/admin/integrations), its id in \`kid\` or \`iss\`, \`aud\` "${TOKEN_AUDIENCE}", living at most ${TOKEN_MAX_AGE_SECONDS} s; claims \`tenant_id\` and \`tenant_name\` (the tenant, created on first use) and \`email\` (who calls).`,
        },
      },
    },
    paths,
  });
}
