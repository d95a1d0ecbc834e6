/**
 * At most `concurrency` tasks at once in this process, the rest wait in order; when `maxWaiting`
 * are already waiting, `run` refuses at once (the caller answers "busy") instead of piling up
 * memory. Per process: N web processes each get their own gate.
 */
export class GateFullError extends Error {
  name = "GateFullError";
}

export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  get pending() {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new GateFullError("too many tasks waiting");
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line (active stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
