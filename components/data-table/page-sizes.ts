// The page sizes a table offers, without the URL parsers (zod) that table-state.ts builds on, so the
// page-size select does not bring zod into the browser.
export const PAGE_SIZES = [25, 50, 100] as const;
