// A request body's fields as the docs page lists them ("name", "description (optional)"), read
// from the body's zod object schema.
import { z } from "zod";

export function operationFields(schema: z.ZodType): string[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => (field.safeParse(undefined).success ? `${name} (optional)` : name));
}
