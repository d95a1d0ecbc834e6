/**
 * Messages travel as catalog keys (lib/i18n/message.ts) until a reader sees them: tests that check
 * what a message says read it as an English-speaking dealer does.
 */
import { translatorFor } from "@/lib/i18n/translator";

const english = await translatorFor("en");

export const words = (message: string | null | undefined) => english.text(message);
