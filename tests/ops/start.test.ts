/** `npm start` refuses to start without what production needs, and says what to set. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const VAULT_KEYS = "k1:" + Buffer.alloc(32, 7).toString("base64");
const AUTH_SECRET = "a-production-secret-a-production-secret-0123";

function start(env: Record<string, string>, args: string[] = []) {
  // A clean environment: only what the test gives (plus PATH/HOME to run node).
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/start.ts", ...args], {
    cwd: ROOT, encoding: "utf8", timeout: 60_000,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", ...env } as unknown as NodeJS.ProcessEnv,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm start", () => {
  it("without secrets or addresses: exits 1 naming each missing variable and how to fix it", () => {
    const { code, output } = start({});
    expect(code).toBe(1);
    expect(output).toContain("Forecourt cannot start.");
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "VAULT_KEYS", "APP_URL", "PHOTOS_PUBLIC_BASE_URL"]) expect(output).toContain(name);
    expect(output).toContain("openssl rand -base64 32");
  });

  it("with everything but the public URL: refuses, asking for APP_URL", () => {
    const { code, output } = start({ DATABASE_URL: "postgresql://forecourt:pw@127.0.0.1:1/forecourt", AUTH_SECRET, VAULT_KEYS });
    expect(code).toBe(1);
    expect(output).toMatch(/APP_URL: must be set in production/);
    expect(output).not.toContain("AUTH_SECRET:");
    expect(output).not.toContain(AUTH_SECRET); // secrets are never echoed back
  });

  it("photos on S3 need no separate photo address; a malformed key is refused with the expected form, not echoed", () => {
    const { code, output } = start({ DATABASE_URL: "postgresql://forecourt:pw@127.0.0.1:1/forecourt", AUTH_SECRET, VAULT_KEYS: "k1:not-a-key", APP_URL: "https://forecourt.example.com", PHOTOS_S3_BUCKET: "forecourt-photos" }, ["worker"]);
    expect(output).not.toContain("PHOTOS_PUBLIC_BASE_URL");
    expect(code).toBe(1);
    expect(output).toMatch(/VAULT_KEYS: must be `id:base64key/);
    expect(output).not.toContain("not-a-key");
  });
});
