/**
 * What "untranslated English" means for the page test: the words of the English catalog that the
 * target catalog never uses, less proper names and demo data. A Dutch page showing "Listings" or
 * "Saved" fails; one showing "Okasie", "Diesel" or a demo car's "Golf Life" does not.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

type Tree = { [key: string]: string | Tree };
const catalog = (language: string): Tree => JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "messages", `${language}.json`), "utf8"));

/** Words are runs of letters; shorter than three letters they say little about a language. */
export const wordsOf = (text: string) => (text.match(/\p{L}{3,}/gu) ?? []).map((w) => w.toLowerCase());

function literals(elements: MessageFormatElement[], out: string[] = []): string[] {
  for (const e of elements) {
    if (e.type === TYPE.literal) out.push(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) for (const option of Object.values(e.options)) literals(option.value, out);
    if (e.type === TYPE.tag) literals(e.children, out);
  }
  return out;
}

function vocabulary(language: string): Set<string> {
  const words = new Set<string>();
  const walk = (tree: Tree) => {
    for (const value of Object.values(tree)) {
      if (typeof value === "string") for (const literal of literals(parse(value))) for (const w of wordsOf(literal)) words.add(w);
      else walk(value);
    }
  };
  walk(catalog(language));
  return words;
}

/**
 * Proper names and demo data that share a word with the English catalog: the demo users' names
 * ("Platform Admin", "Pieter Staff", "Vera Viewer", "Annelies Owner") and what the sandbox calls
 * its dealers' locations. Keep it short: each entry hides that word everywhere.
 */
export const ALLOWED = new Set(["platform", "admin", "staff", "viewer", "owner"]);

/** English-only words for a target language. */
export function englishOnly(language: string): Set<string> {
  const english = vocabulary("en");
  const target = vocabulary(language);
  return new Set([...english].filter((w) => !target.has(w) && !ALLOWED.has(w)));
}

/** Text that is data, not words of ours: addresses, e-mail addresses, file names. */
export const stripData = (text: string) =>
  text.replace(/https?:\/\/\S+/g, " ").replace(/\S+@\S+/g, " ").replace(/\S+\.(csv|jpe?g|png)\b/gi, " ");
