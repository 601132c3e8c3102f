import type { ReactNode } from "react";
import { Pagination } from "@/components/data-table/pagination";
import { SearchInput } from "@/components/data-table/search-input";
import { TableUrlState } from "@/components/data-table/table-url-state";
import { PageHeader } from "@/components/ui/page-header";
import type { TableName } from "@/lib/url-state/tables";

/**
 * The frame of the console's searchable tables (/admin's tenants, /admin/users): the heading, the
 * search box, the table (children), its paging, and what follows the table (`footer`).
 */
export function AdminTablePage({
  table,
  title,
  description,
  searchPlaceholder,
  paging,
  footer,
  filters,
  children,
}: {
  table: TableName;
  title: string;
  description: string;
  searchPlaceholder: string;
  paging: { page: number; pageSize: number; total: number };
  footer?: ReactNode;
  /** Filters beside the search box (the tenants' Status). */
  filters?: ReactNode;
  children: ReactNode;
}) {
  return (
    <TableUrlState table={table}>
      <section>
        <PageHeader title={title} description={description} />
        <div className="mb-3 flex flex-wrap items-end gap-4">
          <SearchInput label="Search" param="q" placeholder={searchPlaceholder} />
          {filters}
        </div>
        {children}
        <Pagination {...paging} />
        {footer}
      </section>
    </TableUrlState>
  );
}
