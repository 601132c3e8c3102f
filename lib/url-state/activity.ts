// The activity log's URL state, on a tenant's page, its CSV export and /admin/activity: filters,
// page size and keyset cursor. Malformed values are dropped (no filter), never an error.
import { isStorableDay } from "@/lib/storable-dates";
import { defineUrlState, type UrlStateOf } from "./define";
import { manyField, matchingField, oneOf, sizeField, textField } from "./fields";

const ACTIVITY_PAGE_SIZE = 50;
const MAX_ACTION_FILTERS = 20;

// Action and target-type names are dotted lower-case words (member.added, flow): nothing else
// reaches the query, and the URL cannot smuggle in anything longer.
const NAME = /^[a-z][a-z0-9_.-]{0,63}$/;
// An RFC 9562 uuid (as user and tenant ids are), or the nil and max ids.
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

const isName = (value: string) => NAME.test(value);
const isUuid = (value: string) => UUID.test(value);

const fields = {
  actor: matchingField(isUuid),
  action: manyField(isName, MAX_ACTION_FILTERS),
  targetType: matchingField(isName),
  targetId: textField(200),
  // A real calendar day in 1900..9999: anything else (year 0000, month 13) is no filter, not a
  // statement PostgreSQL refuses.
  from: matchingField(isStorableDay),
  to: matchingField(isStorableDay),
  q: textField(200),
  size: sizeField(ACTIVITY_PAGE_SIZE),
  cursor: matchingField((value) => value.length <= 300),
  // /admin/activity only: which tenant, and which log.
  tenant: matchingField(isUuid),
  log: oneOf(["all", "tenant", "platform"], "all"),
};

export const activityUrlState = defineUrlState(fields);

export type ActivitySearch = UrlStateOf<typeof fields>;
