// The roles an API key may carry: a plain list with no imports, so the create form can offer them
// without bringing the server's input parsers (zod) into the browser.
export const API_KEY_ROLES = ["viewer", "editor", "admin"] as const;
