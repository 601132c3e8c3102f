// One rule for an account address typed anywhere (sign-in, adding a member, the admin command).
import { describe, expect, it } from "vitest";
import { EmailAddressSchema } from "@/lib/email-address";

const messageFor = (input: unknown) => {
  const result = EmailAddressSchema.safeParse(input);
  return result.success ? null : result.error.issues[0]?.message;
};

describe("EmailAddressSchema", () => {
  it("normalises before checking: surrounding spaces dropped, lower-case", () => {
    expect(EmailAddressSchema.parse("  Alice@Example.COM \t")).toBe("alice@example.com");
  });

  it("asks for an address when none is typed (or only spaces, or nothing is sent)", () => {
    expect(messageFor("")).toBe("Enter an email address.");
    expect(messageFor("   ")).toBe("Enter an email address.");
    expect(messageFor(undefined)).toBe("Enter an email address.");
  });

  it("refuses what is not an address, and addresses over 254 characters", () => {
    expect(messageFor("alice")).toBe("Enter a valid email address, like name@example.com.");
    expect(messageFor("alice@@example.com")).toBe("Enter a valid email address, like name@example.com.");
    expect(messageFor(`${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com`)).toBe("That address is too long.");
  });
});
