"use client";

import { useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { Button } from "@/components/ui/button";
import { FormCard } from "@/components/ui/form-card";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { CONNECTOR_CATALOG, CONNECTOR_KEYS, type ConnectorKey } from "@/lib/connections/catalog";
import { ConnectionFields } from "./connection-fields";
import { createConnection } from "./actions";

/** Choose a connector from the catalog, then fill in its fields. */
export function NewConnectionForm({ slug }: { slug: string }) {
  const { result, values, version, fieldErrors, formAction, pending } = useFormAction((previous, form) => createConnection(slug, previous, form));
  const [connector, setConnector] = useState<ConnectorKey>("http_api");
  // The choice is this component's state, so it outlives the form's re-keying after a refusal.
  const typed = connector;
  return (
    <FormCard title="New connection">
      <form key={version} action={formAction} noValidate className="mt-4 grid gap-4 md:max-w-md">
        <TextField label="Name" name="name" defaultValue={String(values.name ?? "")} errors={fieldErrors.name} maxLength={80} autoComplete="off" />
        <SelectField
          label="Connector"
          name="connector"
          value={typed}
          onChange={(event) => setConnector(event.target.value as ConnectorKey)}
          options={CONNECTOR_KEYS.map((key) => ({ value: key, label: CONNECTOR_CATALOG[key].label }))}
          errors={fieldErrors.connector}
          description={CONNECTOR_CATALOG[typed].description}
        />
        <ConnectionFields key={typed} connector={typed} values={values} errors={fieldErrors} editing={false} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create connection"}
          </Button>
        </div>
      </form>
      <FormMessage result={result} success={result?.ok ? `Created the connection ${result.data.name}.` : undefined} className="mt-3" />
    </FormCard>
  );
}
