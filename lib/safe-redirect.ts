/**
 * A same-site path to return to after sign-in; anything else becomes "/": absolute URLs, `//host`,
 * `/\host`, and any control character or backslash (browsers drop tabs and newlines and read `\` as
 * `/`, so "/\t/evil.com" would become "//evil.com").
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  return value;
}
