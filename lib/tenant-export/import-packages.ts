// A tenant data file's packages: immutable snapshots, so one the tenant has (same id) is left as it is,
// and one it lacks is created with its id, name, time and flows' snapshots as the file has them (the
// packages tables are append-only; nothing here changes a package).
import "server-only";
import { insertImportedPackage } from "@/db/queries/tenant-data";
import type { TenantTx } from "@/db/scopes";
import { FlowNameInput, FlowStepsInput } from "../flows/flow-input";
import { nameInput } from "../name-input";
import type { RecordOf } from "./format";
import type { KindOutcome } from "./import-plan";
import { checked, refuseFile } from "./refuse-file";

const PackageNameInput = nameInput("package");

export async function importPackages(tx: TenantTx, records: RecordOf<"package">[], targets: { id: string; name: string }[], outcome: KindOutcome): Promise<void> {
  const ids = new Set(targets.map((pkg) => pkg.id));
  const names = new Set(targets.map((pkg) => pkg.name));
  for (const record of records) {
    const name = checked(PackageNameInput, record.name, "a package name");
    const flows = record.flows.map((flow) => ({
      ...flow,
      name: checked(FlowNameInput, flow.name, `a flow name in the package ${name}`),
      steps: checked(FlowStepsInput, flow.steps, `steps of a flow in the package ${name}`),
    }));
    if (new Set(flows.map((flow) => flow.flowId)).size !== flows.length) refuseFile(`The file's package ${name} holds a flow twice. Nothing was imported.`);
    if (ids.has(record.id)) outcome.skipped.push({ name, reason: "this package is already there" });
    else if (names.has(name)) outcome.skipped.push({ name, reason: "another package has this name" });
    else {
      await insertImportedPackage(tx, { id: record.id, name, environment: record.environment, createdAt: record.createdAt }, flows);
      ids.add(record.id);
      names.add(name);
      outcome.created.push(name);
    }
  }
}
