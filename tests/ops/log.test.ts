/** The logger: JSON lines with levels and context, and never a secret (lib/log). */
import { Writable } from "node:stream";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createLogger, registerSecret } from "@/lib/log";
import proxy from "@/proxy";

function capture(level = "debug") {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(chunk.toString())); done(); } });
  return { logger: createLogger({ destination: destination as never, level }), lines, text: () => JSON.stringify(lines) };
}

describe("structured logs", () => {
  it("writes one JSON object per line with level, time, message and the child's context", () => {
    const { logger, lines } = capture("info");
    logger.child({ component: "sync", runId: "run_123" }).warn({ listings: 3 }, "slow marketplace");
    logger.debug("below the level: dropped");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "warn", component: "sync", runId: "run_123", listings: 3, msg: "slow marketplace" });
    expect(typeof lines[0].time).toBe("string");
  });

  it("redacts secret fields at any depth: tokens, passwords, auth headers, cookies", () => {
    const { logger, text } = capture();
    logger.info({
      token: "tok-top-level-1", password: "pw-top-level-1",
      connection: { token: "tok-nested-2", deeper: { apiKey: "key-deep-3", headers: { Authorization: "Bearer bearer-4", "X-Auth-Token": "xauth-5", Cookie: "authjs.session-token=cookie-6" } } },
      headers: { "set-cookie": "sid=cookie-7" },
      list: [{ password: "pw-in-list-8" }],
    }, "connection saved");
    const out = text();
    for (const secret of ["tok-top-level-1", "pw-top-level-1", "tok-nested-2", "key-deep-3", "bearer-4", "xauth-5", "cookie-6", "cookie-7", "pw-in-list-8"]) expect(out).not.toContain(secret);
    expect(out).toContain("[redacted]");
    expect(out).toContain("connection saved");
  });

  it("scrubs secrets out of messages and error stacks from libraries we do not control", () => {
    const { logger, text } = capture();
    registerSecret("a-decrypted-marketplace-token-42");
    const err = new Error("GET failed: Authorization: Bearer abc.def.ghi; db postgresql://forecourt:db-password-9@db:5432/x; token=qs-token-10");
    logger.error({ err }, "call failed with X-Auth-Token: header-token-11 and a-decrypted-marketplace-token-42");
    logger.info("printf %s", "password=printf-pw-12");
    const out = text();
    for (const secret of ["abc.def.ghi", "db-password-9", "qs-token-10", "header-token-11", "a-decrypted-marketplace-token-42", "printf-pw-12"]) expect(out).not.toContain(secret);
    expect(out).toContain("postgresql://forecourt:[redacted]@db:5432/x"); // where, but not the password
  });
});

describe("request ids", () => {
  it("the proxy gives each request an id, passes it to the server code and echoes it", () => {
    const res = proxy(new NextRequest("http://localhost/api/health"));
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // Forwarded to the route as a request header (Next's middleware override header list).
    expect(res.headers.get("x-middleware-request-x-request-id")).toBe(id);
    const other = proxy(new NextRequest("http://localhost/api/health"));
    expect(other.headers.get("x-request-id")).not.toBe(id);
  });

  it("keeps a well-formed id from the load balancer, replaces a malformed one", () => {
    const kept = proxy(new NextRequest("http://localhost/login", { headers: { "x-request-id": "lb-1234abcd" } }));
    expect(kept.headers.get("x-request-id")).toBe("lb-1234abcd");
    const replaced = proxy(new NextRequest("http://localhost/login", { headers: { "x-request-id": "bad id with spaces" } }));
    expect(replaced.headers.get("x-request-id")).not.toContain("bad");
  });

  it("redirects to sign-in carry the id too", () => {
    const res = proxy(new NextRequest("http://localhost/d/auto-gent/listings"));
    expect(res.status).toBe(307);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});
