import type { Metadata } from "next";
import { PLATFORM_USER_SORTS, listUsersForPlatform } from "@/db/queries/platform-users";
import { Pagination } from "@/components/data-table/pagination";
import { SearchInput } from "@/components/data-table/search-input";
import { singleValues, tableStateSchema, textFilter, type SearchParams } from "@/components/data-table/table-state";
import { PageHeader } from "@/components/ui/page-header";
import { withPlatformPage } from "@/lib/platform-page";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

const UserTableState = tableStateSchema({ sortable: PLATFORM_USER_SORTS, defaultSort: "email" }).extend({ q: textFilter() });

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  const state = UserTableState.parse(singleValues(raw));
  const { list, me } = await withPlatformPage(async (tx, superadmin) => ({
    list: await listUsersForPlatform(tx, { search: state.q, sort: state.sort, dir: state.dir, page: state.page, size: state.size }),
    me: superadmin.id,
  }));
  return (
    <section>
      <PageHeader
        title="Users"
        description="Who may create tenants, and how many each may own. Lowering a limit keeps the tenants a user already owns. The last superadmin cannot give up the flag."
      />
      <div className="mb-3">
        <SearchInput label="Search" param="q" placeholder="Email or name" />
      </div>
      <UsersTable
        rows={list.rows.map((user) => ({ ...user, isMe: user.id === me }))}
        sort={state.sort}
        dir={state.dir}
        searching={Boolean(state.q)}
      />
      <Pagination page={state.page} pageSize={state.size} total={list.total} />
    </section>
  );
}
