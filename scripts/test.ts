/**
 * `npm test`: every suite — unit and integration (vitest, on a fresh embedded PostgreSQL) and
 * end-to-end (Playwright in Debian's Chromium against a production build). Ends with one line
 * "Tests: N passed, N failed".
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0) {
    console.log("Installing Debian's Chromium for the end-to-end tests…");
    execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], { stdio: "inherit" });
    return;
  }
  console.error(`Chromium is missing at ${CHROMIUM}. Install it, then run npm test again:\n\n  sudo apt-get update && sudo apt-get install -y chromium\n`);
  process.exit(1);
}

function step(name: string, command: string, args: string[]) {
  console.log(`\n=== ${name} ===`);
  return spawnSync(command, args, { stdio: "inherit", env, cwd: ROOT }).status ?? 1;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the runners' JSON reports
function counts(file: string, read: (json: any) => { passed: number; failed: number }) {
  try {
    return read(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return { passed: 0, failed: 1 }; // no report means the suite did not run
  }
}

ensureChromium();
rmSync(path.join(ROOT, "test-results"), { recursive: true, force: true });

const only = process.argv[2]; // "unit" or "e2e" to run one half
let unit = { passed: 0, failed: 0 };
let e2e = { passed: 0, failed: 0 };
let status = 0;

// Outside the project: a `next dev` under test watches the project folder, and these grow all along.
const LOGS = mkdtempSync(path.join(tmpdir(), "forecourt-test-"));

/** Runs a command with its output in a file, printed when it is done. */
function runLogged(name: string, command: string, args: string[]): Promise<number> {
  const logFile = path.join(LOGS, `${name.split(" ")[0].toLowerCase()}.log`);
  const out = openSync(logFile, "w");
  const child = spawn(command, args, { stdio: ["ignore", out, out], env, cwd: ROOT });
  return new Promise((resolve) => child.on("close", (code) => {
    console.log(`\n=== ${name} ===`);
    console.log(readFileSync(logFile, "utf8"));
    resolve(code ?? 1);
  }));
}

/**
 * Both halves at once when both run: vitest runs one file at a time and mostly waits (simulated
 * rate limits, time-outs, child processes), so the production build and then the end-to-end tests
 * use the machine beside it. Each half has its own database, simulators and ports. The unit
 * tests' output is printed when they finish; the end-to-end tests' as they go.
 */
const unitRun = only !== "e2e"
  ? runLogged("Unit and integration tests (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(LOGS, "vitest.json")}`])
  : null;
// Beside the unit tests, the build and the browser tests yield the CPU to them (nice): the unit
// tests are the longer half, and the end-to-end tests fill the time they leave.
const beside = (command: string, args: string[]): [string, string[]] =>
  only === undefined && existsSync("/usr/bin/nice") ? ["/usr/bin/nice", ["-n", "15", command, ...args]] : [command, args];
const e2eRun = only !== "unit"
  ? runLogged("Production build for the end-to-end tests", ...beside(bin("next"), ["build"])).then((built) => {
    if (built !== 0) {
      e2e.failed += 1;
      return built;
    }
    const code = step("End-to-end tests (Playwright, Chromium)", ...beside(bin("playwright"), ["test"]));
    e2e = counts(path.join(ROOT, "test-results/e2e.json"), (j) => ({ passed: j.stats.expected, failed: j.stats.unexpected + j.stats.flaky }));
    return code;
  })
  : null;
if (unitRun) {
  status |= await unitRun;
  unit = counts(path.join(LOGS, "vitest.json"), (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests + (j.numFailedTestSuites ?? 0) }));
}
if (e2eRun) status |= await e2eRun;

const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed;
console.log(`\nvitest: ${unit.passed} passed, ${unit.failed} failed · playwright: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
