// Every table whose state lives in the URL, by name: a page names its table to the browser's
// controls (<TableUrlState table="members">), which read and write the URL through its definition.
import { accessReviewUrlState } from "./access-review";
import { activityUrlState } from "./activity";
import { adminTenantsUrlState } from "./admin-tenants";
import { adminUsersUrlState } from "./admin-users";
import { dataTableRowsUrlState } from "./data-table-rows";
import { flowsUrlState } from "./flows";
import { membersUrlState } from "./members";

export const URL_STATES = {
  members: membersUrlState,
  accessReview: accessReviewUrlState,
  flows: flowsUrlState,
  dataTableRows: dataTableRowsUrlState,
  activity: activityUrlState,
  adminTenants: adminTenantsUrlState,
  adminUsers: adminUsersUrlState,
};

export type TableName = keyof typeof URL_STATES;
