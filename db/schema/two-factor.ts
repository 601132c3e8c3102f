import { bigint, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

// Global tables (issue 15, item 3): a user's second factor belongs to the person, not to a tenant.
//
// user_two_factor: the TOTP secret (RFC 6238), stored only encrypted like a credential value
// (AES-256-GCM under SECRETS_KEY, lib/secrets/cipher.ts, bound to the user as additional data), with
// the id of its key. confirmed_at is null while enrolment waits for the first code; last_used_step is
// the last time step (unix time / 30 s) a code was accepted for, so a code is never accepted twice.
export const userTwoFactor = pgTable("user_two_factor", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  keyId: text("key_id").notNull(),
  iv: text("iv").notNull(),
  authTag: text("auth_tag").notNull(),
  ciphertext: text("ciphertext").notNull(),
  confirmedAt: timestamp("confirmed_at", { mode: "date", withTimezone: true }),
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

// Ten single-use recovery codes per user: only SHA-256 of (user id, code). Each code carries 80 random
// bits, so a hash cannot be walked back by guessing (lib/two-factor/recovery-codes.ts).
export const userRecoveryCodes = pgTable(
  "user_recovery_codes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { mode: "date", withTimezone: true }),
  },
  (t) => [primaryKey({ name: "user_recovery_codes_pk", columns: [t.userId, t.codeHash] })],
);

