/**
 * Every dealer-facing text of the Okasie module outside its pre-flight rules (rules.ts), in one
 * place so it moves into the locale catalogs in one step. "Okasie" is a proper name.
 */
export const OKASIE_TEXTS = {
  title: "Okasie (Belgium)",
  connectionNamePlaceholder: "Okasie — Gent",
  identity: {
    pickLabel: "Dealer profile / location",
    pickPlaceholder: "Choose where this dealer publishes",
    required: "Choose the Okasie dealer profile or location this dealer publishes to.",
    profileInvalid: "Choose the Okasie dealer profile.",
    locationInvalid: "A location code has at most 64 characters.",
    describeLocation: (code: string) => `location ${code}`,
    describeProfile: (id: string) => `profile ${id.slice(0, 8)}…`,
  },
  /** Okasie's error codes in words a dealer understands; the raw code is shown beside them. */
  errors: {
    INVALID_PRICE: "Okasie needs a price for a car that is for sale or reserved.",
    INVALID_LOCATION: "Okasie needs the postal code, city and province of a car that is for sale.",
    INVALID_PROFILE: "The Okasie connection has no dealer profile or location; ask your admin.",
    PROFILE_FORBIDDEN: "The Okasie account may not publish for this dealer location; ask your admin.",
  } as Record<string, string>,
  /** Connection-check outcomes; fixed texts, never what the server answered. */
  check: {
    unauthorized: "Okasie refused the API secret: token invalid or rotated. Paste the current secret from Okasie support.",
    missing_scope: "The API secret cannot publish listings: ask Okasie support for the write:listings scope.",
    read_locations: "The API secret may not read dealer locations (read:locations): ask Okasie support for that scope.",
    unreachable: "Okasie could not be reached. Try again in a few minutes.",
    unexpected: "Okasie answered in a way Forecourt did not expect. Try again later, or ask Okasie support.",
    identity_unknown: "The chosen dealer profile or location is not among the locations this secret reaches.",
  } as Record<string, string> & { unauthorized: string; missing_scope: string; unreachable: string; unexpected: string },
  connected: (n: number) => `Connected: ${n} dealer location(s) reachable.`,
};
