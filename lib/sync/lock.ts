/**
 * One executor per connection, across every worker process: a session-level advisory lock held on
 * a dedicated connection for the whole run. If the worker dies (even kill -9) its connection
 * closes and PostgreSQL releases the lock, which is how the recovery sweep knows a RUNNING run
 * is orphaned — no timeout to wait for.
 */
import type pg from "pg";
import { syncPool } from "./pool";

const NAMESPACE = 0x5eed; // first key of the two-int advisory lock: "sync engine"

export interface ConnectionLock {
  release(): Promise<void>;
}

export async function tryLockConnection(connectionId: string): Promise<ConnectionLock | null> {
  const client: pg.PoolClient = await syncPool().connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [NAMESPACE, connectionId]);
    if (!rows[0]?.ok) {
      client.release();
      return null;
    }
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [NAMESPACE, connectionId]);
        client.release();
      } catch (err) {
        client.release(err as Error); // destroy the client: the lock goes with its session
      }
    },
  };
}

/** True when some process is executing a run of this connection right now. */
export async function isConnectionBusy(connectionId: string): Promise<boolean> {
  const lock = await tryLockConnection(connectionId);
  if (!lock) return true;
  await lock.release();
  return false;
}
