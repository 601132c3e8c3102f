// What flow and table templates' admin actions share: a rename onto another template's name is a field
// error, and a template some tenant uses is not deleted (the foreign-key check sees every tenant's
// uses, as it runs as the tables' owner; the console itself does not).
import { isForeignKeyViolation, isUniqueViolation } from "@/db/errors";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { requireRow } from "@/lib/actions/require-row";
import { TEMPLATE_IN_USE_MESSAGE } from "./template-input";

/** The updated row; `nameTaken` when the name's unique index refuses it, NOT_FOUND when it is gone. */
export async function updateTemplateNamed<T>(update: () => Promise<T | null | undefined>, nameIndex: string, nameTaken: () => ActionError): Promise<T> {
  let row;
  try {
    row = await update();
  } catch (error) {
    if (isUniqueViolation(error, nameIndex)) throw nameTaken();
    throw error;
  }
  if (!row) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return row;
}

/** The deleted row; CONFLICT with the in-use message while a tenant's use (`usesForeignKey`) names it. */
export async function deleteUnusedTemplate<T>(templateId: string, remove: (id: string) => Promise<T | null | undefined>, usesForeignKey: string): Promise<T> {
  try {
    return await requireRow(templateId, remove);
  } catch (error) {
    if (isForeignKeyViolation(error, usesForeignKey)) throw new ActionError("CONFLICT", TEMPLATE_IN_USE_MESSAGE);
    throw error;
  }
}
