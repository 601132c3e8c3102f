/** Longer return paths are refused: no page of ours needs one, and Auth.js and logs need not carry them. */
export const MAX_RETURN_PATH_LENGTH = 2048;

/**
 * A same-site path to return to after sign-in; anything else becomes "/": absolute URLs, `//host`,
 * `/\host`, and any control character or backslash (browsers drop tabs and newlines and read `\` as
 * `/`, so "/\t/evil.com" would become "//evil.com"). Malformed %-escapes and over-long values are
 * refused too: they made URL parsing further on throw (a 500 instead of a sign-in).
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || value.length > MAX_RETURN_PATH_LENGTH) return "/";
  if (!value.startsWith("/") || value.startsWith("//")) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  if (!hasWellFormedEscapes(value)) return "/";
  return value;
}

function hasWellFormedEscapes(value: string): boolean {
  try {
    decodeURI(value);
    return true;
  } catch {
    return false;
  }
}
