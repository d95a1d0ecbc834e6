/**
 * The dealer's list of the ads they have today in the marketplace's own back office (Blocket Admin).
 * The API cannot read those ads (blocket.md §1.1: it returns only what was written through it), so
 * the dealer pastes them — from a spreadsheet or their old import file — one ad per line: the
 * licence plate, then optionally the marketplace's ad number and a title, separated by tabs,
 * semicolons or commas. Every line is either read or reported with why not; nothing is dropped.
 * Client-safe and pure.
 */
import Papa from "papaparse";
import { msg } from "@/lib/i18n/message";

export interface AdminAd {
  /** Line in the pasted text, from 1. */
  line: number;
  /** Normalised: capitals and digits only ("abc 123" → "ABC123"). */
  plate: string;
  remoteId: string | null;
  title: string | null;
}

export interface AdminAdProblem {
  line: number;
  text: string;
  /** A message (lib/i18n/message.ts). */
  reason: string;
}

export const MAX_ADMIN_ADS = 5_000;
const MAX_TEXT = 500_000;

/** Swedish plates, including the "Q" plates Blocket Admin gives ads it made itself (§4.1): 2–7 letters and digits. */
const PLATE = /^[A-Z0-9]{2,7}$/;

export const normalisePlate = (text: string) => text.replace(/[\s\-.]/g, "").toUpperCase();

const HEADER = /^(reg|registration|registreringsnummer|regnr|plate|plaque|nummerplaat|kenteken)/i;

export function parseAdminAds(text: string): { ads: AdminAd[]; problems: AdminAdProblem[] } {
  const ads: AdminAd[] = [];
  const problems: AdminAdProblem[] = [];
  if (text.length > MAX_TEXT) return { ads, problems: [{ line: 0, text: "", reason: msg("migration.list.tooLong", { max: MAX_TEXT }) }] };
  const clean = text.replace(/^\uFEFF/, "");
  // Lines may have one, two or three cells, which defeats guessing by equal cell counts: a spreadsheet's
  // tab wins, then the semicolon Swedish Excel writes, then a comma.
  const delimiter = clean.includes("\t") ? "\t" : clean.includes(";") ? ";" : ",";
  const rows = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: false }).data;
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const line = index + 1;
    const raw = cells.join(" ").trim();
    if (raw === "") return;
    const [first = "", second = "", ...rest] = cells.map((c) => c.trim());
    if (index === 0 && HEADER.test(first)) return; // a header row from a spreadsheet
    const plate = normalisePlate(first);
    if (!PLATE.test(plate)) {
      problems.push({ line, text: raw.slice(0, 200), reason: msg("migration.list.notAPlate") });
      return;
    }
    if (seen.has(plate)) {
      problems.push({ line, text: raw.slice(0, 200), reason: msg("migration.list.duplicate", { line: seen.get(plate)! }) });
      return;
    }
    if (ads.length >= MAX_ADMIN_ADS) {
      problems.push({ line, text: raw.slice(0, 200), reason: msg("migration.list.tooMany", { max: MAX_ADMIN_ADS }) });
      return;
    }
    seen.set(plate, line);
    // A second cell of digits is the ad number; anything else is part of the title.
    const remoteId = /^\d{3,20}$/.test(second) ? second : null;
    const title = [remoteId ? "" : second, ...rest].filter(Boolean).join(" ").slice(0, 200) || null;
    ads.push({ line, plate, remoteId, title });
  });
  return { ads, problems };
}
