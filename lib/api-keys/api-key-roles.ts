// The roles an API key may carry (api_keys.role is the schema's member_role enum): a plain module, so
// the create form can offer them without bringing the server's input parsers (zod) into the browser.
export { MEMBER_ROLES as API_KEY_ROLES } from "@/db/schema/member-roles";
