/**
 * Every dealer-facing text of the Okasie module outside its pre-flight rules (rules.ts), as
 * catalog messages (lib/i18n/message.ts): the words are in messages/*.json under
 * `marketplaces.okasie`, put into the reader's language where they are shown. "Okasie" is a
 * proper name.
 */
import { msg } from "@/lib/i18n/message";

const k = (key: string, values?: Record<string, string | number>) => msg(`marketplaces.okasie.${key}`, values);

export const OKASIE_TEXTS = {
  title: k("title"),
  connectionNamePlaceholder: "Okasie — Gent",
  identity: {
    pickLabel: k("identity.pickLabel"),
    pickPlaceholder: k("identity.pickPlaceholder"),
    required: k("identity.required"),
    profileInvalid: k("identity.profileInvalid"),
    locationInvalid: k("identity.locationInvalid"),
    describeLocation: (code: string) => k("identity.location", { code }),
    describeProfile: (id: string) => k("identity.profile", { id: `${id.slice(0, 8)}…` }),
  },
  /** Okasie's error codes in words a dealer understands; the raw code is shown beside them. */
  errors: {
    INVALID_PRICE: k("errors.INVALID_PRICE"),
    INVALID_LOCATION: k("errors.INVALID_LOCATION"),
    INVALID_PROFILE: k("errors.INVALID_PROFILE"),
    PROFILE_FORBIDDEN: k("errors.PROFILE_FORBIDDEN"),
  } as Record<string, string>,
  /** Connection-check outcomes; fixed texts, never what the server answered. */
  check: {
    unauthorized: k("check.unauthorized"),
    missing_scope: k("check.missing_scope"),
    read_locations: k("check.read_locations"),
    unreachable: k("check.unreachable"),
    unexpected: k("check.unexpected"),
    identity_unknown: k("check.identity_unknown"),
  } as Record<string, string> & { unauthorized: string; missing_scope: string; unreachable: string; unexpected: string },
  connected: (n: number) => k("connected", { count: n }),
};
