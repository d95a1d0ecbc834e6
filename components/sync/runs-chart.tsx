"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Recent runs' health: items that went through, stayed the same, or failed, per run. */
export default function RunsChart({ runs }: { runs: { label: string; ok: number; unchanged: number; failed: number }[] }) {
  return (
    <figure aria-label="Health of recent syncs" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={runs} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="ok" name="Sent" stackId="a" fill="#059669" />
          <Bar dataKey="unchanged" name="Unchanged" stackId="a" fill="#cbd5e1" />
          <Bar dataKey="failed" name="Failed" stackId="a" fill="#dc2626" />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">{runs.map((r) => `${r.label}: ${r.ok} sent, ${r.unchanged} unchanged, ${r.failed} failed`).join("; ")}</figcaption>
    </figure>
  );
}
