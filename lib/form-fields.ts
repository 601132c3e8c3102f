// Reading a server action's input. An action is a public POST endpoint: whatever the page's form
// would send, a forged request can pass any serialisable value instead of FormData (a string, a
// number, null, a Map). These read that input without throwing, so a forged call gets the form's own
// "please correct" answer, never a 500.

/** FormData to a plain object (repeated keys, like checkbox groups, become lists; Next's own `$ACTION` fields are dropped); a plain object as it is; anything else as no fields. */
export function actionFields(input: unknown): Record<string, unknown> {
  if (input instanceof FormData) {
    const fields: Record<string, unknown> = {};
    for (const key of new Set(input.keys())) {
      if (key.startsWith("$ACTION")) continue;
      const values = input.getAll(key);
      fields[key] = values.length > 1 ? values : values[0];
    }
    return fields;
  }
  const isPlainObject = typeof input === "object" && input !== null && !Array.isArray(input) && [Object.prototype, null].includes(Object.getPrototypeOf(input));
  return isPlainObject ? (input as Record<string, unknown>) : {};
}

/** One text field of a form ("" when it is missing, a file, or the input is not a form at all). */
export function formText(input: unknown, name: string): string {
  const value = input instanceof FormData ? input.get(name) : undefined;
  return typeof value === "string" ? value : "";
}

/** A route handler's form body (urlencoded or multipart), or null when the body is not a form. */
export async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** A route handler's form body as its text fields (files dropped), or null when the body is not a form. */
export async function readFormTextFields(request: Request): Promise<URLSearchParams | null> {
  const form = await readForm(request);
  if (!form) return null;
  const fields = new URLSearchParams();
  for (const [key, value] of form) if (typeof value === "string") fields.append(key, value);
  return fields;
}
