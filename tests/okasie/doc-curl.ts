/**
 * Extracts the curl examples of Okasie's documentation pages (copies under fixtures/docs) with the
 * documented answer that follows each one, so the tests can run them as real HTTP requests.
 */
export interface CurlExample {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | undefined;
  documented: unknown;
}

/** Shell-like words: "double", 'single' (verbatim), and bare words; backslash-newline joins lines. */
function words(command: string): string[] {
  const out: string[] = [];
  const s = command.replace(/\\\n/g, " ");
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i])) { i++; continue; }
    let word = "";
    while (i < s.length && !/\s/.test(s[i])) {
      if (s[i] === "'") {
        const end = s.indexOf("'", i + 1);
        word += s.slice(i + 1, end);
        i = end + 1;
      } else if (s[i] === '"') {
        let j = i + 1;
        while (s[j] !== '"') {
          if (s[j] === "\\") j++;
          word += s[j];
          j++;
        }
        i = j + 1;
      } else word += s[i++];
    }
    out.push(word);
  }
  return out;
}

export function parseCurlExamples(page: string): CurlExample[] {
  const lines = page.split("\n");
  const found: CurlExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith("curl ")) continue;
    let command = lines[i];
    let inQuote = (command.match(/'/g)?.length ?? 0) % 2 === 1;
    while ((command.endsWith("\\") || inQuote) && i + 1 < lines.length) {
      i++;
      command += "\n" + lines[i];
      inQuote = (command.match(/'/g)?.length ?? 0) % 2 === 1;
    }
    // The documented answer: the JSON object right after the command.
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === "") j++;
    let documented: unknown = undefined;
    if (lines[j]?.startsWith("{")) {
      let k = j;
      while (k < lines.length && lines[k] !== "}") k++;
      documented = JSON.parse(lines.slice(j, k + 1).join("\n"));
    }
    const w = words(command);
    const ex: CurlExample = { method: "GET", url: "", headers: [], body: undefined, documented };
    for (let k = 1; k < w.length; k++) {
      if (w[k] === "-X") ex.method = w[++k];
      else if (w[k] === "-H") {
        const [name, ...rest] = w[++k].split(":");
        ex.headers.push([name.trim(), rest.join(":").trim()]);
      } else if (w[k] === "-d" || w[k] === "--data") ex.body = w[++k];
      else if (/^https?:\/\//.test(w[k])) ex.url = w[k];
    }
    found.push(ex);
  }
  // Doc pages repeat each example (request panel and body); keep one of each.
  const seen = new Set<string>();
  return found.filter((e) => {
    const key = `${e.method} ${e.url} ${e.body ?? ""}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
