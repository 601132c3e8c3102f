// Text PostgreSQL can store and compare. A NUL character makes PostgreSQL refuse the whole statement
// (22021, "invalid byte sequence for encoding UTF8: 0x00"), and a lone UTF-16 surrogate has no UTF-8
// form at all (the driver would silently turn it into U+FFFD). URL filters drop both, so a pasted
// or forged search still finds what it can; action fields refuse them with a message by the field,
// so nothing is stored other than what was typed.

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const UNSTORABLE_TEXT_MESSAGE = "Remove the invisible control characters from this field.";

/** Whether the text holds a character PostgreSQL cannot store (NUL, lone surrogate). */
export function hasUnstorableText(value: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(value);
}

/** The text without the characters PostgreSQL cannot store (for filters read from a URL). */
export function dropUnstorableText(value: string): string {
  return value.replace(UNSTORABLE, "");
}

/**
 * The names of an action's input fields whose text (or any text in a list of values) PostgreSQL
 * could not store. Files and other values are left to the action's own schema.
 */
export function fieldsWithUnstorableText(input: Record<string, unknown>): string[] {
  const texts = (value: unknown): string[] =>
    // Stryker disable next-line MethodExpression,ArrayDeclaration,ConditionalExpression: equivalent, a non-string (a File) coerces to text without NUL or surrogates
    typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  return Object.entries(input)
    .filter(([, value]) => texts(value).some(hasUnstorableText))
    .map(([key]) => key);
}
