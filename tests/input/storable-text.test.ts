// Action fields with text PostgreSQL cannot store are refused by name, also when the field holds a
// list of values (a multi-select or repeated checkbox), so the action answers with a message by
// that field instead of a 500 from PostgreSQL (22021).
import { describe, expect, it } from "vitest";
import { fieldsWithUnstorableText } from "@/lib/storable-text";

describe("fieldsWithUnstorableText", () => {
  it("names a list field when any of its values holds a NUL or a lone surrogate", () => {
    expect(fieldsWithUnstorableText({ name: "ok", roles: ["viewer", "admin\u0000"], tags: ["\uD800x"], fine: ["a", "b"] })).toEqual(["roles", "tags"]);
  });

  it("names single text fields, and leaves files and other values to the action's schema", () => {
    const file = new File(["\u0000"], "a.txt");
    expect(fieldsWithUnstorableText({ name: "a\u0000b", file, count: 3, both: [file, "x"] })).toEqual(["name"]);
  });
});
