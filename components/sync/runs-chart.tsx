"use client";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Recent runs' health: items that went through, stayed the same, or failed, per run. */
export default function RunsChart({ runs }: { runs: { label: string; ok: number; unchanged: number; failed: number }[] }) {
  const t = useTranslations("syncs.chart");
  return (
    <figure aria-label={t("label")} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={runs} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="ok" name={t("sent")} stackId="a" fill="#059669" />
          <Bar dataKey="unchanged" name={t("unchanged")} stackId="a" fill="#cbd5e1" />
          <Bar dataKey="failed" name={t("failed")} stackId="a" fill="#dc2626" />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">{runs.map((r) => t("caption", { label: r.label, ok: r.ok, unchanged: r.unchanged, failed: r.failed })).join("; ")}</figcaption>
    </figure>
  );
}
