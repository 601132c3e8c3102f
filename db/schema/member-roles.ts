// The member roles, in their canonical order (Viewer, Editor, Admin): the one list the schema's
// `member_role` enum, the permission table, the actions' input and the members filters all read.
// Plain values with no imports, so client components can use them without the schema's driver code.
export const MEMBER_ROLES = ["viewer", "editor", "admin"] as const;
