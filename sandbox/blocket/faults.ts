/**
 * Fault injection (G-SIM): HTTP faults answered instead of (or after) the real handler, and
 * action faults that make a worker step end in `error`.
 */
import type { Action } from "./store";

export type HttpFaultKind = "status" | "rate_limit" | "latency" | "timeout" | "malformed";

export interface HttpFault {
  id: string;
  kind: HttpFaultKind;
  /** HTTP status for "status" (default 503). */
  status?: number;
  /** Retry-After seconds for "rate_limit" (default 1). */
  retryAfterSec?: number;
  /** Delay for "latency" and "timeout" (timeout default 60 s, capped by close()). */
  delayMs?: number;
  /** Substring, or /regex/flags, the path (after /pro-import-api) must match; any path when absent. */
  path?: string;
  method?: string;
  /** "before": the request is not processed. "after": processed, then the answer is lost. */
  phase?: "before" | "after";
  /** How many matching requests get the fault; unlimited when absent. */
  count?: number;
  /** Chance per matching request (0–1); always when absent. */
  probability?: number;
}

export interface ActionFault {
  id: string;
  action: Action;
  sourceId?: string;
  message?: unknown;
  count?: number;
  probability?: number;
}

let nextId = 0;
const newId = (prefix: string) => `${prefix}_${++nextId}`;

function pathMatches(pattern: string | undefined, path: string): boolean {
  if (!pattern) return true;
  // "/…/flags" is a regular expression when it compiles ("/v4/ad" has invalid flags: a substring).
  const regex = /^\/(.*)\/([a-z]*)$/.exec(pattern);
  if (regex && /^[gimsuy]*$/.test(regex[2])) {
    try {
      return new RegExp(regex[1], regex[2]).test(path);
    } catch {
      // not a valid expression: fall through to a substring match
    }
  }
  return path.includes(pattern);
}

export class FaultRegistry {
  http: HttpFault[] = [];
  actions: ActionFault[] = [];

  clear(): void {
    this.http = [];
    this.actions = [];
  }

  addHttp(fault: Omit<HttpFault, "id">): HttpFault {
    const stored = { ...fault, id: newId("http") };
    this.http.push(stored);
    return stored;
  }

  addAction(fault: Omit<ActionFault, "id">): ActionFault {
    const stored = { ...fault, id: newId("action") };
    this.actions.push(stored);
    return stored;
  }

  remove(id: string): boolean {
    const before = this.http.length + this.actions.length;
    this.http = this.http.filter((f) => f.id !== id);
    this.actions = this.actions.filter((f) => f.id !== id);
    return this.http.length + this.actions.length < before;
  }

  /** The HTTP fault to apply to this request, consuming one use of it. */
  takeHttp(method: string, path: string, phase: "before" | "after"): HttpFault | null {
    for (const fault of this.http) {
      if ((fault.phase ?? "before") !== phase) continue;
      if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!pathMatches(fault.path, path)) continue;
      if (fault.probability !== undefined && Math.random() >= fault.probability) continue;
      this.consume(fault, this.http);
      return fault;
    }
    return null;
  }

  /** The action fault for this step of this ad, consuming one use of it. */
  takeAction(action: Action, sourceId: string): ActionFault | null {
    for (const fault of this.actions) {
      if (fault.action !== action) continue;
      if (fault.sourceId && fault.sourceId !== sourceId) continue;
      if (fault.probability !== undefined && Math.random() >= fault.probability) continue;
      this.consume(fault, this.actions);
      return fault;
    }
    return null;
  }

  private consume<T extends { id: string; count?: number }>(fault: T, list: T[]): void {
    if (fault.count === undefined) return;
    fault.count -= 1;
    if (fault.count <= 0) list.splice(list.indexOf(fault), 1);
  }
}
