// The expiry of a new API key: a day after today, in UTC. A key that would stop working the moment it
// is created (today, even at the first millisecond of the day) is refused like a past day.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiKeyExpiresInput } from "@/lib/api-keys/api-key-input";

afterEach(() => vi.useRealTimers());

const messagesFor = (day: string) => ApiKeyExpiresInput.safeParse(day).error?.issues.map((issue) => issue.message) ?? [];

describe("an API key's expiry day", () => {
  it("refuses today, even at 00:00:00.000 UTC when the key would expire at that very instant", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-06-15T00:00:00.000Z"));
    expect(messagesFor("2030-06-15")).toEqual(["Choose a day after today."]);
    expect(ApiKeyExpiresInput.parse("2030-06-16")).toEqual(new Date("2030-06-16T00:00:00.000Z"));
  });

  it("means no expiry when left empty", () => {
    expect(ApiKeyExpiresInput.parse("")).toBeNull();
    expect(ApiKeyExpiresInput.parse(undefined)).toBeNull();
  });
});
