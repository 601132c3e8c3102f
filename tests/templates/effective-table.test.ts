// How a tenant's table made from a table template reads: inherited where the tenant set nothing, its
// own where it did, following a template update where not overridden, inherited again after a reset;
// a column the template removes or retypes stays in the table, marked removed, never dropped.
import { describe, expect, it } from "vitest";
import type { TemplateColumn } from "@/db/schema/table-templates";
import { effectiveTable, storedColumns } from "@/lib/templates/effective-table";

const email: TemplateColumn = { key: "em", name: "Email", type: "text" };
const age: TemplateColumn = { key: "ag", name: "Age", type: "number" };
const template = { name: "Customers", columns: [email, age] };
const nothing = { name: null, columnLabels: null, extraColumns: null };
const view = (table: ReturnType<typeof effectiveTable>) => table.columns.map(({ key, name, type, source, customised }) => ({ key, name, type, source, customised }));

describe("effectiveTable", () => {
  it("inherits everything when the tenant overrides nothing", () => {
    const table = effectiveTable(template, nothing, []);
    expect(table.name).toBe("Customers");
    expect(table.customised).toEqual({ name: false, extraColumns: false });
    expect(view(table)).toEqual([
      { key: "t:em:text", name: "Email", type: "text", source: "template", customised: false },
      { key: "t:ag:number", name: "Age", type: "number", source: "template", customised: false },
    ]);
  });

  it("the tenant's name, column label and extra column override the template's", () => {
    const stored = storedColumns(effectiveTable(template, nothing, []).columns);
    const table = effectiveTable(template, { name: "Clients", columnLabels: { em: "E-mail" }, extraColumns: [{ key: "vip", name: "VIP", type: "boolean" }] }, stored);
    expect(table.name).toBe("Clients");
    expect(table.customised).toEqual({ name: true, extraColumns: true });
    expect(view(table).map(({ name, source, customised }) => [name, source, customised])).toEqual([
      ["E-mail", "template", true],
      ["Age", "template", false],
      ["VIP", "tenant", false],
    ]);
    // The renamed column's values stay where they were: its key does not change with its label.
    expect(table.columns[0]!.key).toBe("t:em:text");
  });

  it("follows a template update wherever the tenant did not override, keeps its overrides elsewhere", () => {
    const use = { name: null, columnLabels: { em: "E-mail" }, extraColumns: null };
    const stored = storedColumns(effectiveTable(template, use, []).columns);
    const updated = { name: "Customer list", columns: [{ ...email, name: "Email address" }, { ...age, name: "Age (years)" }, { key: "ph", name: "Phone", type: "text" as const }] };
    const table = effectiveTable(updated, use, stored);
    expect(table.name).toBe("Customer list");
    expect(table.columns.map((column) => column.name)).toEqual(["E-mail", "Age (years)", "Phone"]);
  });

  it("a reset (the override removed) inherits the template's value again", () => {
    const stored = storedColumns(effectiveTable(template, nothing, []).columns);
    expect(effectiveTable(template, { name: "Clients", columnLabels: { em: "E-mail" }, extraColumns: null }, stored).name).toBe("Clients");
    const reset = effectiveTable(template, { name: null, columnLabels: null, extraColumns: null }, stored);
    expect([reset.name, reset.columns[0]!.name, reset.columns[0]!.customised]).toEqual(["Customers", "Email", false]);
  });

  it("a column the template removes stays in the table, marked removed, under its key and last label", () => {
    const stored = storedColumns(effectiveTable(template, { name: null, columnLabels: { ag: "Years" }, extraColumns: null }, []).columns);
    const table = effectiveTable({ name: "Customers", columns: [email] }, { name: null, columnLabels: { ag: "Years" }, extraColumns: null }, stored);
    expect(view(table)).toEqual([
      { key: "t:em:text", name: "Email", type: "text", source: "template", customised: false },
      { key: "t:ag:number", name: "Years", type: "number", source: "removed", customised: false },
    ]);
  });

  it("a column the template retypes: the old one stays (removed, its type and values), the new type comes as a new column; retyped back, the old one returns", () => {
    const stored = storedColumns(effectiveTable(template, nothing, []).columns);
    const retyped = { name: "Customers", columns: [email, { ...age, type: "text" as const }] };
    const table = effectiveTable(retyped, nothing, stored);
    expect(view(table).map(({ key, type, source }) => [key, type, source])).toEqual([
      ["t:em:text", "text", "template"],
      ["t:ag:number", "number", "removed"],
      ["t:ag:text", "text", "template"],
    ]);
    const back = effectiveTable(template, nothing, storedColumns(table.columns));
    expect(view(back).map(({ key, source }) => [key, source])).toEqual([
      ["t:em:text", "template"],
      ["t:ag:number", "template"],
      ["t:ag:text", "removed"],
    ]);
  });

  it("a new template column goes after the table's stored ones, whatever its place in the template (rows' sort keys keep their positions)", () => {
    const stored = storedColumns(effectiveTable(template, nothing, []).columns);
    const table = effectiveTable({ name: "Customers", columns: [{ key: "ph", name: "Phone", type: "text" }, email, age] }, nothing, stored);
    expect(table.columns.map((column) => column.name)).toEqual(["Email", "Age", "Phone"]);
  });
});
