/**
 * Runs in the browser before the app's own code. zod 4 probes for `new Function` when it builds
 * an object schema (to compile fast parsers); under our Content-Security-Policy (no
 * 'unsafe-eval') that probe is refused and reported as a violation, although zod then works
 * without it. `jitless` skips the probe. It is set through zod's shared global config (what
 * `z.config({ jitless: true })` writes), so zod itself stays out of this early, every-page bundle.
 */
const shared = globalThis as unknown as { __zod_globalConfig?: Record<string, unknown> };
shared.__zod_globalConfig = { ...shared.__zod_globalConfig, jitless: true };
