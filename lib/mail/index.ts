/**
 * Sending mail: nodemailer over SMTP_URL (the well-kept standard for SMTP in Node: pooling, TLS,
 * auth, MIME). Without SMTP_URL no mail is sent and callers are told so; nothing else changes.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { scrub } from "@/lib/log";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** RFC 3282 language of the content (e.g. "nl"). */
  language?: string;
}

const globalForMail = globalThis as unknown as { forecourtMailer?: Transporter | null };

/** The process's SMTP transport, or null when SMTP_URL is not configured. */
export function mailer(): Transporter | null {
  if (globalForMail.forecourtMailer === undefined) {
    const url = env().SMTP_URL;
    globalForMail.forecourtMailer = url ? nodemailer.createTransport(url, { from: env().MAIL_FROM }) : null;
  }
  return globalForMail.forecourtMailer;
}

export const mailConfigured = () => mailer() !== null;

/** Sends one mail. Errors are scrubbed (an SMTP error can echo the URL with its password). */
export async function sendMail(mail: OutgoingMail): Promise<{ messageId: string }> {
  const transport = mailer();
  if (!transport) throw new Error("No SMTP server is configured (SMTP_URL).");
  try {
    const info = await transport.sendMail({
      from: env().MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { ...(mail.language ? { "Content-Language": mail.language } : {}), "Auto-Submitted": "auto-generated" },
    });
    return { messageId: info.messageId };
  } catch (err) {
    throw new Error(scrub(`SMTP: ${(err as Error)?.message ?? String(err)}`).slice(0, 300));
  }
}

/** Closes the pooled SMTP connections (tests, clean shutdown). */
export function closeMailer() {
  globalForMail.forecourtMailer?.close();
  globalForMail.forecourtMailer = undefined;
}
