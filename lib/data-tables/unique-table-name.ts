import { withUniqueName } from "@/lib/actions/unique-name";

/** A write whose only expected refusal is the table's name, taken in this tenant (in any case). */
export const withUniqueTableName = <T,>(write: () => Promise<T>) =>
  withUniqueName("data_tables_tenant_name", "A table with this name already exists in this tenant.", write);
