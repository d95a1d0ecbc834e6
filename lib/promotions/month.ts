/**
 * The calendar month a promotion's spending counts towards, in the dealer's time zone: a bump at
 * 00:30 on 1 March in Stockholm is March's, although it is still February in UTC. Pure.
 */

/** Minutes the zone is ahead of UTC at `instant` (CET +60, CEST +120). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(instant).filter((p) => p.type !== "literal").map((p) => [p.type, Number(p.value)]),
  ) as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant of midnight on the first day of (year, month) in the zone. */
function startOf(year: number, month: number, timeZone: string): Date {
  const guess = new Date(Date.UTC(year, month - 1, 1));
  // Midnight local = midnight UTC minus the offset; the offset at the result is the one that counts.
  const first = new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60_000);
  return new Date(guess.getTime() - offsetMinutes(first, timeZone) * 60_000);
}

export interface MonthWindow {
  /** "2026-03", the month as the dealer names it. */
  key: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

export function monthWindow(at: Date, timeZone: string): MonthWindow {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).format(at).split("-").map(Number) as [number, number];
  const next = month === 12 ? [year + 1, 1] : [year, month + 1];
  return { key: `${year}-${String(month).padStart(2, "0")}`, from: startOf(year, month, timeZone), to: startOf(next[0]!, next[1]!, timeZone) };
}
