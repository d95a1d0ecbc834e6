/**
 * Fault injection for tests (§5.4): on matching requests, answer with a chosen status (5xx, 429),
 * add latency, hang until the client gives up, or send a malformed body — either before the
 * request is processed, or after (the write happened but the client never learns of it).
 */
export interface FaultSpec {
  /** Path relative to /api/external/v1; a trailing `*` matches a prefix. Omitted: every path. */
  path?: string;
  method?: string;
  /** Answer with this HTTP status (and the documented envelope). */
  status?: number;
  /** Error code for `status` (default SERVER_ERROR / RATE_LIMITED). */
  code?: string;
  /** For status 429: the Retry-After seconds (default 1). */
  retryAfter?: number;
  latencyMs?: number;
  /** Never answer (until the client aborts or `hangMs` passes). */
  timeout?: boolean;
  hangMs?: number;
  /** Answer 200 with a body that is not JSON. */
  malformed?: boolean;
  /** "before" (default; the request is not processed) or "after" (processed, then the fault). */
  phase?: "before" | "after";
  /** How many matching requests to hit (default unlimited when probability is set, else 1). */
  times?: number;
  /** Chance 0..1 that a matching request is hit. */
  probability?: number;
}

interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
  hits: number;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const times = spec.times ?? (spec.probability !== undefined ? Number.POSITIVE_INFINITY : 1);
    const fault = { ...spec, id: this.nextId++, remaining: times, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): (FaultSpec & { id: number; remaining: number | null; hits: number })[] {
    return this.faults.map((f) => ({ ...f, remaining: Number.isFinite(f.remaining) ? f.remaining : null }));
  }

  /** Picks (and consumes) the first fault that matches this request, if any. */
  match(method: string, path: string, random: () => number = Math.random): ActiveFault | null {
    for (const f of this.faults) {
      if (f.remaining <= 0) continue;
      if (f.method && f.method.toUpperCase() !== method.toUpperCase()) continue;
      if (f.path) {
        const matches = f.path.endsWith("*") ? path.startsWith(f.path.slice(0, -1)) : path === f.path;
        if (!matches) continue;
      }
      if (f.probability !== undefined && random() >= f.probability) continue;
      f.remaining -= 1;
      f.hits += 1;
      return f;
    }
    return null;
  }
}
