/**
 * "Does this page show English words of ours?", for the page test (every page of a Belgian dealer
 * in three languages) and for specs that walk a flow in another language (a Swedish dealer's paid
 * promotions). Quoted data is marked `data-verbatim` and left out; so are the dealer's connection names.
 */
import type { Page } from "@playwright/test";
import { stripData, wordsOf } from "./i18n-vocabulary";

/** Everything a reader or a screen reader gets from the page, as text. */
export async function pageText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const skip = (el: Element | null) => !!el?.closest("script, style, noscript, template, [data-verbatim]");
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!skip(node.parentElement) && node.textContent?.trim()) out.push(node.textContent);
    }
    for (const el of document.body.querySelectorAll("[aria-label], [placeholder], [title], [alt], input[type=submit][value]")) {
      if (skip(el)) continue;
      for (const attribute of ["aria-label", "placeholder", "title", "alt", "value"]) {
        const value = el.getAttribute(attribute);
        if (value && (attribute !== "value" || el.matches("input[type=submit]"))) out.push(value);
      }
    }
    return out;
  });
}

/**
 * A GET through the page's request context, tried again when the connection drops: the server
 * may close an idle keep-alive socket just as the next request goes out on it (ECONNRESET).
 */
export async function getWithRetry(page: Page, url: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.request.get(url);
    } catch (error) {
      if (attempt >= 3 || !/ECONNRESET|socket hang up/.test(String(error))) throw error;
    }
  }
}

/**
 * Names other tests and admins give things (connections such as "Blocket — Gent export") are
 * data, not words of ours: they are left out of the text before it is read.
 */
async function dataNames(page: Page, dealer: string): Promise<string[]> {
  const res = await getWithRetry(page, `/api/d/${dealer}/syncs`);
  if (!res.ok()) return [];
  return ((await res.json()) as { connections: { name: string }[] }).connections.map((c) => c.name);
}

/** The English-only words on the page (`english` from englishOnly), each with the text it is in. */
export async function untranslated(page: Page, english: Set<string>, dealer: string): Promise<string[]> {
  const found = new Set<string>();
  const names = await dataNames(page, dealer);
  for (const text of await pageText(page)) {
    const withoutNames = names.reduce((t, name) => t.split(name).join(" "), text);
    const words = wordsOf(stripData(withoutNames)).filter((w) => english.has(w));
    if (words.length) found.add(`${words.join(", ")}  ←  “${text.trim().slice(0, 120)}”`);
  }
  return [...found];
}
