import { z } from "zod";

// Any 8-4-4-4-12 hex id, as PostgreSQL's uuid type accepts it (not only RFC versions).
const Uuid = z.guid();

/** Whether an id from a URL or a form is a well-formed uuid (a malformed one is simply not found). */
export const isUuid = (value: unknown): value is string => Uuid.safeParse(value).success;
