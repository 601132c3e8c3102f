import type { Metadata } from "next";
import { listUsersForPlatform } from "@/db/queries/platform-users";
import { withPlatformPage } from "@/lib/platform-page";
import { adminUsersUrlState } from "@/lib/url-state/admin-users";
import type { SearchParams } from "@/lib/url-state/search-params";
import { AdminTablePage } from "../admin-table-page";
import { UsersTable } from "./users-table";
import { SuperadminTwoFactorSwitch } from "./superadmin-two-factor-switch";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const state = adminUsersUrlState.parse(await searchParams);
  const { list, me, twoFactorRequired } = await withPlatformPage(async (tx, superadmin, platform) => ({
    list: await listUsersForPlatform(tx, { search: state.q, sort: state.sort, dir: state.dir, page: state.page, size: state.size }),
    me: superadmin.id,
    twoFactorRequired: platform.twoFactorRequired,
  }));
  return (
    <AdminTablePage
      table="adminUsers"
      title="Users"
      description="Who may create tenants, and how many each may own. Lowering a limit keeps the tenants a user already owns. The last superadmin cannot give up the flag."
      searchPlaceholder="Email or name"
      paging={{ page: state.page, pageSize: state.size, total: list.total }}
      footer={
        <div className="mt-6">
          <SuperadminTwoFactorSwitch required={twoFactorRequired} />
        </div>
      }
    >
      <UsersTable rows={list.rows.map((user) => ({ ...user, isMe: user.id === me }))} searching={Boolean(state.q)} />
    </AdminTablePage>
  );
}
