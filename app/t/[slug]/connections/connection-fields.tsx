"use client";

import { useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import type { FieldErrors } from "@/lib/action-result";
import { HTTP_AUTH_LABELS, HTTP_AUTH_TYPES, type ConnectorKey, type HttpAuthType } from "@/lib/connections/catalog";

type Values = Record<string, string | number | boolean | string[] | undefined>;

// Secret fields are never filled back (neither the stored value nor what was typed before a refusal):
// on an edit, leaving one empty keeps the stored secret.
const KEEP = "Leave empty to keep the stored one. It is never shown.";
const NEW_SECRET = "Stored encrypted; never shown again.";

/** The fields of one connector, for the create and edit forms (settings filled back, secrets never). */
export function ConnectionFields({ connector, values, errors, editing }: { connector: ConnectorKey; values: Values; errors: FieldErrors; editing: boolean }) {
  const secretHint = editing ? KEEP : NEW_SECRET;
  const text = (name: string) => (values[name] === undefined ? "" : String(values[name]));
  const [authType, setAuthType] = useState<HttpAuthType>(values.authType === "basic" ? "basic" : "bearer");
  if (connector === "http_api") {
    return (
      <>
        <TextField label="Base URL" name="baseUrl" type="url" defaultValue={text("baseUrl")} errors={errors.baseUrl} placeholder="https://api.example.com" autoComplete="off" />
        <SelectField
          label="Authentication"
          name="authType"
          value={authType}
          onChange={(event) => setAuthType(event.target.value as HttpAuthType)}
          options={HTTP_AUTH_TYPES.map((type) => ({ value: type, label: HTTP_AUTH_LABELS[type] }))}
          errors={errors.authType}
        />
        {authType === "bearer" ? (
          <TextField label="Bearer token" name="token" type="password" autoComplete="new-password" spellCheck={false} errors={errors.token} description={secretHint} />
        ) : (
          <>
            <TextField label="User name" name="username" defaultValue={text("username")} errors={errors.username} autoComplete="off" />
            <TextField label="Password" name="password" type="password" autoComplete="new-password" errors={errors.password} description={secretHint} />
          </>
        )}
      </>
    );
  }
  if (connector === "smtp") {
    return (
      <>
        <TextField label="Host" name="host" defaultValue={text("host")} errors={errors.host} placeholder="smtp.example.com" autoComplete="off" />
        <TextField label="Port" name="port" inputMode="numeric" defaultValue={text("port") || "587"} errors={errors.port} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="tls" defaultChecked={values.tls === true || values.tls === "on"} />
          Use TLS
        </label>
        <TextField label="User name" name="username" defaultValue={text("username")} errors={errors.username} autoComplete="off" />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" errors={errors.password} description={secretHint} />
      </>
    );
  }
  return <p className="text-sm text-slate-600">{editing ? "The webhook URL stays the same." : "The webhook URL, with its unguessable token, is made when you create the connection."}</p>;
}
