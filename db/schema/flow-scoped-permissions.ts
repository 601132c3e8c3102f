// The permissions a custom group can narrow to particular flows ("Only these flows"). Plain values with
// no imports, so client components (through lib/permissions.ts) can use them without the schema's driver
// code. flows.read is not among them: a narrowed group's members still see every flow, as readers do.
export const FLOW_SCOPED_PERMISSIONS = ["flows.write", "flows.run"] as const;
