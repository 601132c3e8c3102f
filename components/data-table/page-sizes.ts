// The page sizes a table offers, without the URL parsers (zod) that table-state.ts builds on, so the
// page-size select does not bring zod into the browser.
// 10 for tables whose every row is a set of forms (/admin's tenants): their HTML grows fast per row.
export const PAGE_SIZES = [10, 25, 50, 100] as const;
