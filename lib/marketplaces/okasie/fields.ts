/**
 * The listing fields Okasie reads (its payload, map.ts) and those it refuses a car for sale
 * without (rules.ts: title, price, and the location of an active car). "Recommended" are what a
 * buyer on Okasie filters by (make, model, year, mileage, fuel, gearbox).
 */
import type { MarketplaceField } from "../types";

const required = (field: MarketplaceField["field"]): MarketplaceField => ({ field, required: true });
const optional = (field: MarketplaceField["field"]): MarketplaceField => ({ field });
const recommended = (field: MarketplaceField["field"]): MarketplaceField => ({ field, recommended: true });

export const OKASIE_FIELDS: readonly MarketplaceField[] = [
  required("title"), required("price"), recommended("description"), recommended("condition"),
  recommended("make"), recommended("model"), recommended("variant"), optional("customType"), recommended("year"), optional("firstRegistration"), recommended("mileage"),
  recommended("fuelType"), recommended("transmission"), optional("bodyType"), optional("driveType"), optional("engine"), optional("powerKw"), optional("gears"),
  optional("doors"), optional("seats"), optional("color"), optional("paintType"), optional("interiorColor"), optional("interiorMaterial"), optional("weight"),
  optional("previousOwners"), optional("co2Emission"), optional("co2Type"), optional("emissionClass"), optional("fuelConsumption"), optional("vatRegime"),
  optional("serviceHistory"), optional("warranty"), optional("warrantyMonths"), recommended("vin"), optional("carPassUrl"), optional("conditionTags"),
  required("postalCode"), required("city"), required("province"), optional("latitude"), optional("longitude"),
  optional("images"), optional("features"),
];
