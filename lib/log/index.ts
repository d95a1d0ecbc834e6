/**
 * The one logger (pino): JSON lines in production, readable lines in development, levels from
 * LOG_LEVEL. Child loggers carry context — `requestId` for web requests (lib/log/request.ts),
 * `runId` for sync runs, `job` for queue jobs — so every line of one request or run can be found.
 *
 * No secret is ever logged: fields named like secrets are redacted (pino's redaction plus a deep
 * pass for nested objects), and messages and error stacks are scrubbed of tokens, passwords,
 * auth headers, cookies and credentials in URLs (lib/log/redact.ts).
 */
import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import { env, logSettings } from "@/lib/env";
import { redactPaths, registerSecret, scrub, scrubObject } from "./redact";

export type { Logger };
export { registerSecret, scrub };

function prettyStream(): DestinationStream | undefined {
  try {
    // pino-pretty is a development dependency: loaded only when asked for, synchronously (no worker thread).
    const pretty = createRequire(import.meta.url)("pino-pretty") as (o: object) => DestinationStream;
    return pretty({ colorize: process.stdout.isTTY ?? false, sync: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,service" });
  } catch {
    return undefined; // not installed (production image without dev dependencies): JSON it is
  }
}

/** A logger writing to `destination` (tests pass a stream to read what was logged). */
export function createLogger(options: { destination?: DestinationStream; level?: string; service?: string } = {}): Logger {
  const settings = logSettings();
  const destination = options.destination ?? (settings.format === "pretty" ? prettyStream() : undefined);
  return pino(
    {
      level: options.level ?? settings.level,
      base: { service: options.service ?? "forecourt" },
      redact: { paths: redactPaths(), censor: "[redacted]" },
      // formatters.log runs first and turns errors into scrubbed {type, message, stack} objects.
      serializers: { err: (err: unknown) => scrubObject(err instanceof Error ? pino.stdSerializers.err(err) : err) },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubObject(object) as Record<string, unknown>,
      },
      hooks: {
        // The message string (and printf arguments) are scrubbed too.
        logMethod(args, method) {
          return method.apply(this, args.map((a) => (typeof a === "string" ? scrub(a) : a)) as Parameters<typeof method>);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

const globalForLog = globalThis as unknown as { forecourtLogger?: Logger };

/** The configured secrets are blanked by value too, wherever they would appear. */
function registerConfiguredSecrets() {
  try {
    const e = env();
    registerSecret(e.AUTH_SECRET);
    for (const entry of e.VAULT_KEYS.split(",")) registerSecret(entry.split(":")[1]);
    registerSecret(e.METRICS_TOKEN);
    if (e.SMTP_URL) registerSecret(decodeURIComponent(new URL(e.SMTP_URL).password));
    registerSecret(decodeURIComponent(new URL(e.DATABASE_URL).password));
  } catch {
    // An incomplete environment (a script before the database exists): the patterns still apply.
  }
}

/** The process's root logger (one per process, kept across hot reloads). */
export function log(): Logger {
  if (!globalForLog.forecourtLogger) {
    registerConfiguredSecrets();
    globalForLog.forecourtLogger = createLogger();
  }
  return globalForLog.forecourtLogger;
}

/** A logger for one component ("worker", "alerts", "sync"). */
export function logFor(component: string, bindings: Record<string, unknown> = {}): Logger {
  return log().child({ component, ...bindings });
}

/** Every line of one sync run carries its id. */
export function runLog(runId: string, bindings: Record<string, unknown> = {}): Logger {
  return log().child({ component: "sync", runId, ...bindings });
}

/** Only the kind and a short, scrubbed message of an error from a layer we do not control. */
export function errorSummary(err: unknown): { type: string; message: string } {
  const e = err instanceof Error ? err : new Error(String(err));
  // The first line only: deeper layers (Prisma) print the arguments of a failed query below it.
  const firstLine = e.message.split("\n").find((line) => line.trim())?.trim() ?? "";
  const code = (e as { code?: unknown }).code;
  return { type: typeof code === "string" ? `${e.name} ${code}` : e.name, message: scrub(firstLine.slice(0, 300)) };
}
