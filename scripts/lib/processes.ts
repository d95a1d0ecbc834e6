/** Child processes for the dev and test runners: prefixed output, and all stopped together. */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync } from "node:fs";

const children = new Set<ChildProcess>();

/** With `logFile`, output goes to that file instead of the terminal. */
export function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, { logFile }: { logFile?: string } = {}) {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.add(child);
  const prefix = `[${name}]`.padEnd(10);
  const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      if (logFile) appendFileSync(logFile, `${prefix} ${line}\n`);
      else stream.write(`${prefix} ${line}\n`);
    }
  };
  child.stdout?.on("data", forward(process.stdout));
  child.stderr?.on("data", forward(process.stderr));
  child.on("exit", () => children.delete(child));
  return child;
}

/** Stops every child (its whole process group) and waits for them to exit. */
export async function stopAll(timeoutMs = 10_000) {
  const waits = [...children].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        try {
          process.kill(-child.pid!, "SIGTERM");
        } catch {
          resolve();
        }
        setTimeout(() => {
          try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ }
          resolve();
        }, timeoutMs).unref();
      }),
  );
  await Promise.all(waits);
}

export async function waitForUrl(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
