// Runs in the browser before the app. Zod compiles fast validators with `new Function` unless told
// not to; the Content-Security-Policy (no unsafe-eval) forbids that, so it validates without. Only
// zod's core config is imported here (a few hundred bytes): importing "zod" itself put all of zod
// (30 kB gzip) into every page's first load, pages that validate nothing in the browser included.
// Pages that do use zod share this core module, so the setting holds for them.
import { config } from "zod/v4/core";

config({ jitless: true });
