/** A small reader of the Prometheus text format, for assertions on /api/metrics. */
export type Samples = Map<string, number>;

/** `name{a="x",b="y"} 3` → key `name{a="x",b="y"}` (labels sorted) → 3. */
export function parsePrometheus(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) throw new Error(`Not a Prometheus sample line: ${line}`);
    samples.set(key(m[1], labelsOf(m[2] ?? "")), Number(m[3]));
  }
  return samples;
}

function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[m[1]] = m[2];
  return labels;
}

export function key(name: string, labels: Record<string, string> = {}): string {
  const parts = Object.keys(labels).sort().map((k) => `${k}="${labels[k]}"`);
  return parts.length ? `${name}{${parts.join(",")}}` : name;
}

export function sample(samples: Samples, name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.get(key(name, labels));
}
