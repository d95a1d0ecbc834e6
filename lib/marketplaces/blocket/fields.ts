/**
 * The listing fields Blocket reads (its payload, map.ts) and those it refuses a registered vehicle
 * without (rules.ts, the strict car profile: model year, brand, model, body type, mileage,
 * transmission, fuel, and a plate or VIN — the plate is the one asked for first).
 */
import type { MarketplaceField } from "../types";

const required = (field: MarketplaceField["field"]): MarketplaceField => ({ field, required: true });
const optional = (field: MarketplaceField["field"]): MarketplaceField => ({ field });
const recommended = (field: MarketplaceField["field"]): MarketplaceField => ({ field, recommended: true });

export const BLOCKET_FIELDS: readonly MarketplaceField[] = [
  required("title"), required("price"), recommended("description"), recommended("condition"),
  required("registrationNumber"), recommended("vin"), required("make"), required("model"), recommended("variant"), required("year"), optional("firstRegistration"),
  required("mileage"), required("fuelType"), required("transmission"), required("bodyType"), optional("color"), optional("vatRegime"),
  optional("blocketCategory"), optional("registrationNumberHidden"), optional("contactName"), optional("contactPhone"), optional("contactEmail"),
  optional("postalCode"), optional("latitude"), optional("longitude"),
  optional("images"), optional("features"),
];
