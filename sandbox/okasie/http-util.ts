/** Small helpers shared by the simulator's handlers: the error envelope and query parsing. */
import type { Issue } from "./types";

export class ApiError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {}
  body() {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export const validationError = (issues: Issue[]) => new ApiError(422, "VALIDATION_FAILED", "Payload validation failed", { issues });

export const jsonHeaders = { "Content-Type": "application/json; charset=utf-8" };

/** The first present value among a canonical query name and its aliases (canonical wins, G-29). */
export function param(query: URLSearchParams, names: string[]): string | null {
  for (const n of names) {
    const v = query.get(n);
    if (v !== null) return v;
  }
  return null;
}

export function parseIntStrict(value: string | null): number | null {
  if (value === null || !/^-?\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

export function parseBool(value: string | null, fallback: boolean, path: string, issues: Issue[]): boolean {
  if (value === null) return fallback;
  const v = value.trim().toLowerCase();
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  issues.push({ path, code: "invalid_type", message: "Expected boolean (true/false/1/0)" });
  return fallback;
}

/** ISO 8601 datetime; a value without an offset is read as UTC (G-28). */
export function parseIsoDate(value: string): number | null {
  const v = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(v)) return null;
  const hasZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(v);
  const withZone = v.length > 10 && !hasZone ? `${v}Z` : v;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : ms;
}

export function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
