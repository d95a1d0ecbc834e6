/** Vehicle value look-ups (blocket.md §2.14, G-LOOKUP): bare `[{id, name}]` arrays. */
import { categoryByType } from "./categories";
import { ATTRIBUTES, BODY_TYPES, BRANDS, CAR_MODELS, FUELS, TRANSMISSIONS } from "./fixtures";
import { fieldErrors, json, notFound } from "./respond";

const VALUES: Record<string, { id: string; name: string }[]> = {
  body_type: BODY_TYPES,
  brand: BRANDS,
  "powertrain.fuel": FUELS,
  "powertrain.transmission": TRANSMISSIONS,
};

const modelsOf = (brand: string) => (CAR_MODELS[brand] ?? []).map((id) => ({ id, name: id.replace(/-/g, " ").toUpperCase() }));

export function v4Lookup(vehicleType: string, attribute: string, query: URLSearchParams): Response {
  if (!categoryByType(vehicleType)) return notFound();
  if (attribute === "attributes") return json(ATTRIBUTES);
  if (attribute === "models") {
    if (vehicleType !== "car") return notFound();
    const brand = query.get("brand");
    if (!brand) return fieldErrors({ brand: ["This field is required."] });
    if (!CAR_MODELS[brand]) return fieldErrors({ brand: [`"${brand}" is not a valid choice.`] });
    return json(modelsOf(brand));
  }
  const values = VALUES[attribute];
  return values ? json(values) : notFound();
}

export function v3Lookup(name: string, query: URLSearchParams): Response {
  switch (name) {
    case "brands":
      return json(BRANDS);
    case "fuels":
      return json(FUELS);
    case "body_types":
      return json(BODY_TYPES);
    case "models": {
      const brand = query.get("brand");
      if (!brand) return fieldErrors({ brand: ["This field is required."] });
      return json(modelsOf(brand));
    }
    default:
      return notFound();
  }
}
