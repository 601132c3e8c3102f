// A tenant data file's flows, imported into the transaction's tenant. A version 2 flow keeps its id and
// environment (as a package deploy does) and brings its history: a flow the tenant lacks is created and
// its versions appended in order (same numbers, same times; who saved them is not in the file, so each names who imported it). A flow
// the tenant has (same id, else same name, in that environment) whose history is the start of the
// file's gets the rest of the file's versions appended; one whose history went its own way keeps it,
// and the file's state is appended as one more saved version. flow_versions is append-only: nothing
// here updates or deletes a version. A version 1 flow (no id) is Production's, merged by name.
import "server-only";
import { appendFlowVersion } from "@/db/queries/flow-versions";
import { insertFlow, updateFlow } from "@/db/queries/flows";
import { readFlowHistory } from "@/db/queries/tenant-data";
import type { Environment } from "@/db/schema";
import type { TenantTx } from "@/db/scopes";
import { ENVIRONMENT_LABELS } from "../flows/environments";
import { FlowNameInput, FlowStepsInput } from "../flows/flow-input";
import type { RecordOf } from "./format";
import type { KindOutcome } from "./import-plan";
import { checked, refuseFile } from "./refuse-file";

interface TargetFlow {
  environment: Environment;
  id: string;
  name: string;
  steps: string[];
}

type VersionRecord = RecordOf<"flow_version">;
const sameSteps = (a: string[], b: string[]) => a.length === b.length && a.every((step, index) => step === b[index]);
const flowKey = (environment: string, id: string) => `${environment}:${id}`;

/** The file's versions of each flow, checked: numbered 1, 2, 3… in order, with steps the forms allow. */
function versionsByFlow(records: VersionRecord[]): Map<string, VersionRecord[]> {
  const byFlow = new Map<string, VersionRecord[]>();
  for (const record of records) {
    const key = flowKey(record.environment, record.flowId);
    const list = byFlow.get(key) ?? [];
    if (record.version !== list.length + 1) refuseFile("The file's flow versions are not numbered in order. Nothing was imported.");
    checked(FlowNameInput, record.name, "a flow version's name");
    checked(FlowStepsInput, record.steps, `steps of a version of the flow ${record.name.slice(0, 80)}`);
    list.push(record);
    byFlow.set(key, list);
  }
  return byFlow;
}

/**
 * Imports the file's flows; returns the ids the file's flows were merged into (file id -> the tenant's
 * id), for a flow of the file matched by name to one of another id: a group narrowed to the file's flow
 * names the tenant's.
 */
export async function importFlows(
  tx: TenantTx,
  file: { flows: RecordOf<"flow">[]; versions: VersionRecord[] },
  targets: TargetFlow[],
  createdBy: string | null,
  outcome: KindOutcome,
): Promise<Map<string, string>> {
  const mergedIds = new Map<string, string>();
  const history = versionsByFlow(file.versions);
  const described = new Set(file.flows.map((flow) => flowKey(flow.environment ?? "production", flow.id ?? "")));
  if ([...history.keys()].some((key) => !described.has(key))) refuseFile("The file holds versions of a flow it does not describe. Nothing was imported.");
  const flowsInFile = new Set<string>();
  for (const record of file.flows) {
    const environment = record.environment ?? "production";
    const name = checked(FlowNameInput, record.name, "a flow name");
    const steps = checked(FlowStepsInput, record.steps, `steps of the flow ${name}`);
    const label = record.environment ? `${name} (${ENVIRONMENT_LABELS[environment]})` : name;
    const inFile = `${environment}:${name}`;
    if (flowsInFile.has(inFile) || (record.id && flowsInFile.has(flowKey(environment, record.id)))) refuseFile(`The file holds the flow ${name} twice. Nothing was imported.`);
    flowsInFile.add(inFile);
    if (record.id) flowsInFile.add(flowKey(environment, record.id));

    const inEnvironment = targets.filter((flow) => flow.environment === environment);
    const byId = record.id ? inEnvironment.find((flow) => flow.id === record.id) : undefined;
    const byName = inEnvironment.find((flow) => flow.name === name);
    const versions = record.id ? (history.get(flowKey(environment, record.id)) ?? []) : [];
    const latest = { environment, name, steps, createdBy };

    if (!byId && !byName) {
      const created = await insertFlow(tx, { id: record.id, environment, name, steps, createdBy });
      for (const version of versions) await appendCopy(tx, created.id, version, createdBy);
      // A version 1 flow starts its history here; a version 2 flow has exactly the file's (none, for one
      // made before versions existed: the next export is the same file).
      if (!versions.length && !record.id) await appendFlowVersion(tx, { ...latest, flowId: created.id, reason: "saved" });
      outcome.created.push(label);
      continue;
    }
    if (byId && byName && byName.id !== byId.id) {
      outcome.skipped.push({ name: label, reason: `another flow of ${ENVIRONMENT_LABELS[environment]} has this name: rename it first` });
      continue;
    }
    const existing = (byId ?? byName)!;
    if (record.id && !byId) mergedIds.set(record.id, existing.id);
    const theirs = byId ? await readFlowHistory(tx, environment, existing.id) : [];
    const continues = byId && theirs.length <= versions.length && theirs.every((version, index) => version.name === versions[index]!.name && sameSteps(version.steps, versions[index]!.steps));
    const missing = continues ? versions.slice(theirs.length) : [];
    const sameNow = existing.name === name && sameSteps(existing.steps, steps);
    if (sameNow && !missing.length) {
      outcome.skipped.push({ name: label, reason: "the same flow is already there" });
      continue;
    }
    if (!sameNow) await updateFlow(tx, existing.id, { name, steps }, { environment });
    if (continues) for (const version of missing) await appendCopy(tx, existing.id, version, createdBy);
    else await appendFlowVersion(tx, { ...latest, flowId: existing.id, reason: "saved" });
    outcome.changed.push(label);
  }
  return mergedIds;
}

/** One of the file's versions, appended as it was (its number follows from the ones before it), naming who imported it. */
function appendCopy(tx: TenantTx, flowId: string, version: VersionRecord, importedBy: string | null) {
  return appendFlowVersion(tx, {
    environment: version.environment,
    flowId,
    name: version.name,
    steps: version.steps,
    reason: version.reason,
    restoredFrom: version.restoredFrom,
    packageId: version.packageId,
    createdBy: null,
    importedBy,
    createdAt: version.createdAt,
  });
}
