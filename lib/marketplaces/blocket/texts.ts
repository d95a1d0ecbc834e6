/**
 * Every dealer-facing text of the Blocket module outside its pre-flight rules (rules.ts), in one
 * place so it moves into the locale catalogs in one step. "Blocket" and "Bytbil" are proper names.
 */
export const BLOCKET_TEXTS = {
  title: "Blocket/Bytbil (Sweden)",
  connectionNamePlaceholder: "Blocket — Stockholm",
  identity: {
    dealerCodeLabel: "Blocket dealer code",
    dealerCodePlaceholder: "FC-STHLM",
    dealerCodeRequired: "Enter the Blocket dealer code, e.g. FC-STHLM.",
    scopeLabel: "Token scope",
    scopePlaceholder: "Choose the scope",
    scopeRequired: "Choose the token's scope.",
    scopeOptions: [
      { value: "dealer_code", label: "One dealer (dealer_code)" },
      { value: "dealer_group", label: "A dealer group (dealer_group)" },
    ],
    describe: (dealerCode: string, scope: string) => `${dealerCode} (${scope})`,
  },
  /** Blocket's error codes in words a dealer understands; the raw code is shown beside them. */
  errors: {
    source_id_burned: "Blocket never re-uses a deleted reference: give this car a new reference.",
    category_changed: "Blocket cannot move an ad to another category: remove it and publish the car under a new reference.",
  } as Record<string, string>,
  /** Connection-check outcomes; fixed texts, never what the server answered. */
  check: {
    unauthorized: "Blocket refused the token: it is invalid or has been rotated.",
    missing_scope: "The token is valid but lacks the scope to list ads: ask Blocket support.",
    unreachable: "Blocket could not be reached. Try again in a few minutes.",
    unexpected: "Blocket answered in a way Forecourt did not expect. Try again later, or ask Blocket support.",
  } as Record<string, string> & { unauthorized: string; missing_scope: string; unreachable: string; unexpected: string },
  connected: "Token accepted by Blocket.",
};
