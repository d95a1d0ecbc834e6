/**
 * Every dealer-facing text of the Blocket module outside its pre-flight rules (rules.ts), as
 * catalog messages (lib/i18n/message.ts): the words are in messages/*.json under
 * `marketplaces.blocket`, put into the reader's language where they are shown. "Blocket" and
 * "Bytbil" are proper names.
 */
import { msg } from "@/lib/i18n/message";

const k = (key: string, values?: Record<string, string | number>) => msg(`marketplaces.blocket.${key}`, values);

export const BLOCKET_TEXTS = {
  title: k("title"),
  connectionNamePlaceholder: "Blocket — Stockholm",
  identity: {
    dealerCodeLabel: k("identity.dealerCodeLabel"),
    dealerCodePlaceholder: "FC-STHLM",
    dealerCodeRequired: k("identity.dealerCodeRequired"),
    scopeLabel: k("identity.scopeLabel"),
    scopePlaceholder: k("identity.scopePlaceholder"),
    scopeRequired: k("identity.scopeRequired"),
    scopeOptions: [
      { value: "dealer_code", label: k("identity.scopeDealer") },
      { value: "dealer_group", label: k("identity.scopeGroup") },
    ],
    describe: (dealerCode: string, scope: string) => k("identity.describe", { code: dealerCode, scope }),
  },
  /** Blocket's error codes in words a dealer understands; the raw code is shown beside them. */
  errors: {
    source_id_burned: k("errors.source_id_burned"),
    category_changed: k("errors.category_changed"),
  } as Record<string, string>,
  /** Connection-check outcomes; fixed texts, never what the server answered. */
  check: {
    unauthorized: k("check.unauthorized"),
    missing_scope: k("check.missing_scope"),
    unreachable: k("check.unreachable"),
    unexpected: k("check.unexpected"),
  } as Record<string, string> & { unauthorized: string; missing_scope: string; unreachable: string; unexpected: string },
  connected: k("connected"),
};
