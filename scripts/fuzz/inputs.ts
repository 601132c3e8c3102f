// The generated values: what an attacker types or forges. Text that PostgreSQL cannot store (NUL,
// lone surrogates), 100 kB strings, SQL and HTML metacharacters, odd dates, forged cursors and
// Flight references, and values of the wrong type.
import fc from "fast-check";

const HUNDRED_KB = "x".repeat(100 * 1024);

/** Hand-picked values that broke (or could break) something before. */
const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "ok\uDBFF",
  "\uD83D\uDE00",
  "\u202E\uFEFF\u200B",
  "\r\n\t",
  "' OR '1'='1",
  "\"; DROP TABLE users; --",
  "%' AND 1=(SELECT 1) --",
  "\\",
  "\\\\evil",
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "{{7*7}}",
  "${7*7}",
  "%",
  "%00",
  "%ff%fe",
  "%C0%AF",
  "../../etc/passwd",
  "..",
  ".",
  "/",
  "//evil.example",
  "/\\evil.example",
  "javascript:alert(1)",
  "http://",
  "x",
  "0000-01-01",
  "1899-12-31",
  "2026-13-01",
  "2026-02-30",
  "2026-01-01T25:61:61Z",
  "9999-12-31",
  "10000-01-01",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "9007199254740993",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "$K1",
  "$@1",
  "$Q0",
  "$T",
  "$undefined",
  "acme",
  "globex",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "admin",
  "viewer,admin",
  "a@b",
  "alice@acme.test",
  "ALICE@ACME.TEST\u0000",
  "xn--",
  HUNDRED_KB,
  `${HUNDRED_KB}\u0000`,
];

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnitString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 40 });

export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: codeUnitString },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY), codeUnitString, fc.constantFrom(...NASTY)).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

/** Dates as text: real ones, out-of-range years, impossible days, and other formats. */
export const dateText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 10_999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }))
    .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  text,
);

const timestampText = fc
  .tuple(dateText, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom("+00", "-99", "+05:30", "Z", ""))
  .map(([day, h, m, s, zone]) => `${day} ${h}:${m}:${s}.123456${zone}`);

/** Keyset cursors: well-formed shapes with odd content, and garbage. */
export const cursorText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(timestampText, fc.oneof(fc.uuid(), text))
    .map(([startedAt, id]) => Buffer.from(JSON.stringify([startedAt, id])).toString("base64url")),
  fc
    .tuple(fc.constantFrom("older", "newer", "x"), fc.oneof(dateText.map((day) => `${day.slice(0, 10)}T00:00:00.000000Z`), text), fc.oneof(fc.uuid(), text))
    .map(([d, t, i]) => Buffer.from(JSON.stringify({ d, t, i })).toString("base64url")),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? "").toString("base64url")),
  text,
);

/** Any value a Flight reply can carry: text, numbers, booleans, null, lists and objects of them. */
export const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("name", "email", "roles", "memberId", "flowId", "__proto__", "constructor", "0"), tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** A value for a URL query parameter, by what the parameter holds. */
export function queryValue(name: string): fc.Arbitrary<string> {
  if (["from", "to"].includes(name)) return dateText;
  if (["cursor", "after"].includes(name)) return cursorText;
  return text;
}

/** %-escapes text for a URL the way a browser would, lone surrogates included (as bytes that are not UTF-8). */
export function escapeForUrl(value: string): string {
  return Array.from(value, (char) => {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    return encodeURIComponent(char);
  }).join("");
}

/** Raw path segments: escapes that do not decode, dot segments, and escaped text. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("%", "%ff%fe", "%C0%AF", "%00", "%2e%2e", "..", ".", "%2F", "%5C", "a%", "%E0%A4%A", "~", "%u0041", "%%", "%25"),
  text.map(escapeForUrl),
);
