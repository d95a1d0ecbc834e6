/**
 * A virtual clock and one-timer job scheduler. Thousands of pending steps share a single
 * setTimeout armed for the earliest due step (a binary heap keeps that O(log n)), so the
 * simulator stays cheap with many ads in flight. "manual" mode runs nothing until tick/drain.
 */

interface Task {
  dueAt: number;
  seq: number;
  run: () => void;
}

export type ClockMode = "realtime" | "manual";

export class Scheduler {
  private heap: Task[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private offsetMs = 0;
  private closed = false;
  mode: ClockMode = "realtime";

  /** Simulator time in ms: wall clock plus any advance requested through /__sim/clock. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  schedule(delayMs: number, run: () => void): void {
    this.push({ dueAt: this.now() + Math.max(0, delayMs), seq: this.seq++, run });
    this.arm();
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Moves the clock forward and runs every step that became due. */
  advance(ms: number): number {
    this.offsetMs += Math.max(0, ms);
    return this.runDue(this.now());
  }

  /** Runs up to `steps` queued steps in due order, regardless of their due time. */
  tick(steps: number): number {
    let ran = 0;
    while (ran < steps && this.heap.length > 0) {
      const task = this.pop()!;
      if (task.dueAt > this.now()) this.offsetMs += task.dueAt - this.now();
      task.run();
      ran++;
    }
    this.arm();
    return ran;
  }

  /** Runs everything, including steps queued by the steps it runs. */
  drain(limit = 1_000_000): number {
    return this.tick(limit);
  }

  setMode(mode: ClockMode): void {
    this.mode = mode;
    this.arm();
  }

  clear(): void {
    this.heap = [];
    this.offsetMs = 0;
    this.disarm();
  }

  close(): void {
    this.closed = true;
    this.clear();
  }

  private runDue(now: number): number {
    let ran = 0;
    while (this.heap.length > 0 && this.heap[0].dueAt <= now) {
      this.pop()!.run();
      ran++;
    }
    this.arm();
    return ran;
  }

  private arm(): void {
    if (this.closed || this.mode === "manual" || this.heap.length === 0) return this.disarm();
    const next = this.heap[0].dueAt;
    if (this.timer && this.armedFor <= next) return;
    this.disarm();
    this.armedFor = next;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.armedFor = Infinity;
      this.runDue(this.now());
    }, Math.max(0, next - this.now()));
    this.timer.unref?.();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
  }

  private push(task: Task): void {
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private pop(): Task | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

const before = (a: Task, b: Task) => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
