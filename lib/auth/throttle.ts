/**
 * Sign-in throttling with rate-limiter-flexible's PostgreSQL store (table `login_throttle`), so
 * every web process shares the counters. Three budgets, each over LOGIN_THROTTLE_WINDOW_MINUTES:
 *
 * - per client address, whatever the account (guessing across many accounts);
 * - per account and address (guessing one account from one place);
 * - per account from addresses it has never signed in from (guessing one account from many
 *   places). Attempts from an address the account signed in from before skip this budget, so
 *   failures elsewhere never lock a user out at their usual address.
 *
 * A point is taken from every budget *before* the password is checked, atomically in one SQL
 * upsert, so parallel requests cannot slip past the limit; a successful sign-in gives its
 * points back. Keys are hashes: the table holds no e-mail address or IP address in clear.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { addressKey } from "@/lib/auth/client-address";

const TABLE = "login_throttle";
/** A familiar address is forgotten after this long without a successful sign-in from it. */
const FAMILIAR_DAYS = 90;

const hash = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("base64url");
const accountKey = (email: string) => hash("account", email.trim().toLowerCase());

interface Limiters {
  pool: pg.Pool;
  byAddress: RateLimiterPostgres;
  byAccountAddress: RateLimiterPostgres;
  byAccount: RateLimiterPostgres;
}

let limiters: Limiters | undefined;

function getLimiters(): Limiters {
  if (limiters) return limiters;
  const e = env();
  // A small pool of its own: the store speaks `pg`, not Prisma. Idle clients let the process exit.
  const pool = new pg.Pool({ connectionString: e.DATABASE_URL, max: 3, allowExitOnIdle: true });
  pool.on("error", () => {}); // an idle client dropping must not crash the server
  const common = { storeClient: pool, storeType: "pool", tableName: TABLE, tableCreated: true, clearExpiredByTimeout: true, duration: e.LOGIN_THROTTLE_WINDOW_MINUTES * 60 };
  limiters = {
    pool,
    byAddress: new RateLimiterPostgres({ ...common, keyPrefix: "address", points: e.LOGIN_THROTTLE_ADDRESS_MAX_ATTEMPTS }),
    byAccountAddress: new RateLimiterPostgres({ ...common, keyPrefix: "account-address", points: e.LOGIN_THROTTLE_MAX_ATTEMPTS }),
    byAccount: new RateLimiterPostgres({ ...common, keyPrefix: "account", points: e.LOGIN_THROTTLE_ACCOUNT_MAX_ATTEMPTS }),
  };
  return limiters;
}

/** What a sign-in attempt took, to give back when the password turns out right. */
export interface AttemptTicket {
  email: string;
  address: string;
  familiar: boolean;
}

export type Reservation = { ok: true; ticket: AttemptTicket } | { ok: false; retryAfterSeconds: number };

async function isFamiliar(email: string, address: string) {
  const row = await db.signInAddress.findUnique({ where: { key: hash("familiar", accountKey(email), address) }, select: { lastSuccessAt: true } });
  return !!row && row.lastSuccessAt.getTime() > Date.now() - FAMILIAR_DAYS * 86_400_000;
}

/**
 * Takes one attempt from every budget that applies; refuses when any is spent. Call before the
 * password is verified.
 */
export async function reserveSignInAttempt(email: string, clientAddress: string | null): Promise<Reservation> {
  const { byAddress, byAccountAddress, byAccount } = getLimiters();
  const address = addressKey(clientAddress);
  const familiar = await isFamiliar(email, address);
  const account = accountKey(email);
  try {
    await byAddress.consume(hash(address));
    await byAccountAddress.consume(`${account}:${hash(address)}`);
    if (!familiar) await byAccount.consume(account);
  } catch (e) {
    if (e instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
    throw e;
  }
  return { ok: true, ticket: { email, address, familiar } };
}

/** The password was right: give the attempt back, reset this account's count here, remember the address. */
export async function signInSucceeded(ticket: AttemptTicket) {
  const { byAddress, byAccountAddress, byAccount } = getLimiters();
  const account = accountKey(ticket.email);
  await byAddress.reward(hash(ticket.address));
  await byAccountAddress.delete(`${account}:${hash(ticket.address)}`);
  if (!ticket.familiar) await byAccount.reward(account);
  const key = hash("familiar", account, ticket.address);
  await db.signInAddress.upsert({ where: { key }, create: { key }, update: { lastSuccessAt: new Date() } });
}

/** After an admin reset the password: this account's counts start over everywhere. */
export async function clearAccountThrottle(email: string) {
  const account = accountKey(email);
  await db.$executeRawUnsafe(`DELETE FROM ${TABLE} WHERE key = $1 OR starts_with(key, $2)`, `account:${account}`, `account-address:${account}:`);
}

let lastPurge = 0;

/**
 * Removes spent throttle counters and addresses not seen for FAMILIAR_DAYS. Runs at most every
 * ten minutes per process from the sign-in path (the limiter also purges old rows on a timer).
 */
export async function purgeSignInRecords({ force = false } = {}) {
  if (!force && Date.now() - lastPurge < 10 * 60_000) return;
  lastPurge = Date.now();
  await db.$executeRawUnsafe(`DELETE FROM ${TABLE} WHERE expire IS NOT NULL AND expire < $1`, Date.now());
  await db.signInAddress.deleteMany({ where: { lastSuccessAt: { lt: new Date(Date.now() - FAMILIAR_DAYS * 86_400_000) } } });
}
