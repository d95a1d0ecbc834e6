/**
 * A local SMTP server that keeps every mail it receives instead of delivering it: `npm run dev`
 * points the app at it and serves the caught mails on a small web page; the tests read the real
 * SMTP traffic from it. Built on smtp-server and mailparser (both from the nodemailer project).
 */
import { createServer, type Server } from "node:http";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  id: number;
  from: string;
  /** Envelope recipients (RCPT TO), lower-case. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** The user the client authenticated as, if it did (never the password). */
  authUser: string | null;
  /** The whole message as it crossed the wire. */
  raw: string;
  receivedAt: Date;
}

export interface MailCatcher {
  smtpPort: number;
  /** What to put in SMTP_URL (with throwaway credentials, which the catcher accepts). */
  smtpUrl: string;
  /** The web page listing caught mails (when started with `web`). */
  webUrl: string | null;
  mails: CaughtMail[];
  /** Resolves with the first mail (already caught or arriving) that matches, or rejects after timeoutMs. */
  waitFor(match: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  clear(): void;
  /** Refuses the next `count` messages with a temporary SMTP error (451), to test retries. */
  failNext(count: number): void;
  stop(): Promise<void>;
}

const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).map((x) => x.text).join(", ");
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startMailCatcher(options: { smtpPort?: number; webPort?: number; web?: boolean } = {}): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const waiters = new Set<{ match: (m: CaughtMail) => boolean; resolve: (m: CaughtMail) => void }>();
  let nextId = 1;
  let failures = 0;

  const smtp = new SMTPServer({
    disabledCommands: ["STARTTLS"], // plain SMTP on loopback
    authOptional: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      if (failures > 0) {
        failures -= 1;
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 })));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const mail: CaughtMail = {
              id: nextId++,
              from: addresses(parsed.from),
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              headers: Object.fromEntries([...parsed.headers.entries()].map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
              authUser: (session.user as string | undefined) ?? null,
              raw: raw.toString("utf8"),
              receivedAt: new Date(),
            };
            mails.push(mail);
            for (const w of [...waiters]) if (w.match(mail)) { waiters.delete(w); w.resolve(mail); }
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  const smtpPort = await new Promise<number>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(options.smtpPort ?? 0, "127.0.0.1", () => resolve((smtp.server.address() as { port: number }).port));
  });

  let web: Server | null = null;
  let webUrl: string | null = null;
  if (options.web) {
    web = createServer((req, res) => {
      const id = Number(/^\/mail\/(\d+)$/.exec(req.url ?? "")?.[1]);
      const mail = mails.find((m) => m.id === id);
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      if (mail) {
        // The mail's own HTML is shown in a sandboxed frame: no scripts, no navigation.
        res.end(`<!doctype html><meta charset="utf-8"><title>${escape(mail.subject)}</title><body style="font-family:sans-serif;max-width:60rem;margin:1rem auto">
<p><a href="/">← all mails</a></p><h1 style="font-size:1.2rem">${escape(mail.subject)}</h1>
<p>From ${escape(mail.from)} to ${escape(mail.to.join(", "))} · ${mail.receivedAt.toISOString()}</p>
<iframe sandbox style="width:100%;height:28rem;border:1px solid #ccc" srcdoc="${escape(mail.html || `<pre>${escape(mail.text)}</pre>`)}"></iframe>
<h2 style="font-size:1rem">Plain text</h2><pre style="white-space:pre-wrap">${escape(mail.text)}</pre></body>`);
        return;
      }
      const rows = [...mails].reverse().map((m) => `<tr><td>${m.receivedAt.toISOString().slice(11, 19)}</td><td>${escape(m.to.join(", "))}</td><td><a href="/mail/${m.id}">${escape(m.subject)}</a></td></tr>`);
      res.end(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="10"><title>Forecourt — caught mails</title>
<body style="font-family:sans-serif;max-width:60rem;margin:1rem auto"><h1 style="font-size:1.2rem">Mails caught in development (${mails.length})</h1>
<p>Nothing here was delivered. Newest first; refreshes every 10 s.</p>
<table cellpadding="4"><tr><th align="left">Time (UTC)</th><th align="left">To</th><th align="left">Subject</th></tr>${rows.join("")}</table></body>`);
    });
    const webPort = await new Promise<number>((resolve, reject) => {
      web!.once("error", reject);
      web!.listen(options.webPort ?? 0, "127.0.0.1", () => resolve((web!.address() as { port: number }).port));
    });
    webUrl = `http://127.0.0.1:${webPort}`;
  }

  return {
    smtpPort,
    smtpUrl: `smtp://catcher:catcher@127.0.0.1:${smtpPort}`,
    webUrl,
    mails,
    waitFor(match, timeoutMs = 10_000) {
      const found = mails.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (m: CaughtMail) => { clearTimeout(timer); resolve(m); } };
        const timer = setTimeout(() => { waiters.delete(waiter); reject(new Error(`No matching mail within ${timeoutMs} ms (caught ${mails.length}: ${mails.map((m) => m.subject).join(" | ")})`)); }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear() {
      mails.length = 0;
      failures = 0;
    },
    failNext(count) {
      failures = count;
    },
    async stop() {
      await new Promise<void>((r) => smtp.close(() => r()));
      if (web) await new Promise<void>((r) => web!.close(() => r()));
    },
  };
}
