// Runs in the browser before the app. Zod compiles fast validators with `new Function` unless told
// not to; the Content-Security-Policy (no unsafe-eval) forbids that, so it validates without.
import { z } from "zod";

z.config({ jitless: true });
