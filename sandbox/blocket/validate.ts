/**
 * Payload validation with Django REST Framework error shapes (blocket.md §2.1.1, G-VALSHAPE):
 * field errors `{field: [msg]}`, nested errors following the payload, business errors as a bare
 * array. Validation runs on the document that would be stored (after merging for updates),
 * plus checks on what the request itself sent (forbidden fields, create-only rules).
 */
import { isRegistered, STRICT_CATEGORIES } from "./categories";
import { BODY_TYPE_IDS, BRAND_IDS, CAR_MODELS, FUEL_IDS, TRANSMISSION_IDS } from "./fixtures";
import { unknownKeyPaths } from "./schema";

export type FieldErrors = { [key: string]: string[] | FieldErrors };
export type ValidationFailure = { fields: FieldErrors } | { nonField: string[] };

export const REQUIRED = "This field is required.";
const NOT_NULL = "This field may not be null.";
const BLANK = "This field may not be blank.";
const BAD_URL = "Enter a valid URL.";
const choice = (v: unknown) => `"${String(v)}" is not a valid choice.`;

export interface ValidationContext {
  version: "v3" | "v4";
  /** create: POST; update: PUT/PATCH (the document is the merged result); validate; migrate. */
  mode: "create" | "update" | "validate" | "migrate";
  categoryId: number;
  /** Keys the request body itself carried (forbidden-field checks look at these). */
  sent: Record<string, unknown>;
  /** The stored ad's registration number, for the immutability rule. */
  previousRegistrationNumber?: string | null;
  /** G-CF: refuse unknown keys (400) instead of dropping them. */
  strictUnknownFields?: boolean;
  /** §3.5: "strict" (default) requires S4's field set for the strict categories, in v3 and v4 alike. */
  validationProfile?: "strict" | "lenient";
}

class Errors {
  readonly tree: FieldErrors = {};
  add(path: string[], message: string): void {
    let node = this.tree;
    for (let i = 0; i < path.length - 1; i++) {
      const next = node[path[i]];
      if (!next || Array.isArray(next)) node[path[i]] = {};
      node = node[path[i]] as FieldErrors;
    }
    const leaf = path[path.length - 1];
    const list = Array.isArray(node[leaf]) ? (node[leaf] as string[]) : (node[leaf] = []) as string[];
    list.push(message);
  }
  get empty(): boolean {
    return Object.keys(this.tree).length === 0;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string" || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Accepts an int or a numeric string (v4 guides write category ids as strings). */
export function toInt(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

const toNumber = (value: unknown): number | null => {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
};

function checkString(errors: Errors, path: string[], value: unknown, opts: { required?: boolean; max?: number; allowNull?: boolean }): void {
  if (value === undefined) {
    if (opts.required) errors.add(path, REQUIRED);
    return;
  }
  if (value === null) {
    if (opts.required || opts.allowNull === false) errors.add(path, opts.required ? REQUIRED : NOT_NULL);
    return;
  }
  if (typeof value !== "string") return errors.add(path, "Not a valid string.");
  if (opts.required && value.trim() === "") return errors.add(path, BLANK);
  if (opts.max !== undefined && value.length > opts.max) errors.add(path, `Ensure this field has no more than ${opts.max} characters.`);
}

function checkUrl(errors: Errors, field: string, value: unknown): void {
  if (value === undefined || value === null || value === "") return;
  if (!isHttpUrl(value)) return errors.add([field], BAD_URL);
  if (field === "video_url") {
    const host = new URL(value as string).hostname.replace(/^www\./, "");
    if (!["youtube.com", "m.youtube.com", "youtu.be", "vimeo.com"].includes(host)) errors.add([field], "Only YouTube and Vimeo URLs are supported.");
  }
}

function checkPrice(errors: Errors, nonField: string[], doc: Record<string, unknown>, ctx: ValidationContext, registered: boolean): void {
  const price = doc.price;
  if (price === undefined || price === null) {
    if (ctx.version === "v3") errors.add(["price"], REQUIRED);
    return;
  }
  if (!Array.isArray(price)) return errors.add(["price"], 'Expected a list of items but got type "' + typeof price + '".');
  // v3 requires a price (§2.2.1); an empty list carries none.
  if (price.length === 0 && ctx.version === "v3") return errors.add(["price"], "This list may not be empty.");
  const seen = new Set<string>();
  price.forEach((entry, i) => {
    const at = ["price", String(i)];
    if (!isObject(entry)) return errors.add(at, "Invalid data. Expected a dictionary.");
    const type = entry.type;
    if (type === undefined) errors.add([...at, "type"], REQUIRED);
    else if (!["list", "reduced", "leasing"].includes(String(type))) errors.add([...at, "type"], choice(type));
    else if (seen.has(String(type))) errors.add([...at, "type"], "At most one price of each type is allowed.");
    else seen.add(String(type));
    if (type === "leasing" && !registered) errors.add([...at, "type"], "Leasing price is only available for registered vehicles.");
    const amount = entry.amount;
    if (amount === undefined || amount === null) errors.add([...at, "amount"], REQUIRED);
    else if (toInt(amount) === null) errors.add([...at, "amount"], "A valid integer is required.");
    else if (toInt(amount)! < 0) errors.add([...at, "amount"], "Ensure this value is greater than or equal to 0.");
    if (entry.currency !== undefined && entry.currency !== null && entry.currency !== "SEK") errors.add([...at, "currency"], choice(entry.currency));
  });
  const sentPrice = ctx.sent.price;
  if (ctx.mode === "create" && Array.isArray(sentPrice) && sentPrice.some((p) => isObject(p) && p.type === "reduced")) {
    nonField.push("Price type 'reduced' is not allowed when creating an ad");
  } else if (seen.has("reduced") && !seen.has("list")) {
    nonField.push("A 'reduced' price requires a 'list' price");
  }
}

function checkImages(errors: Errors, doc: Record<string, unknown>): void {
  const urls = doc.image_urls;
  if (urls === undefined || urls === null) return;
  if (!Array.isArray(urls)) return errors.add(["image_urls"], 'Expected a list of items but got type "' + typeof urls + '".');
  if (urls.length > 38) return errors.add(["image_urls"], "Ensure this field has no more than 38 elements.");
  urls.forEach((url, i) => {
    if (!isHttpUrl(url)) errors.add(["image_urls", String(i)], BAD_URL);
  });
}

function checkLocation(errors: Errors, doc: Record<string, unknown>, ctx: ValidationContext, registered: boolean): void {
  const loc = doc.location;
  if (loc === undefined || loc === null) return;
  if (!isObject(loc)) return errors.add(["location"], "Invalid data. Expected a dictionary.");
  if (loc.zipcode !== undefined && loc.zipcode !== null && !/^\d{5}$/.test(String(loc.zipcode))) errors.add(["location", "zipcode"], "Enter a valid postal code (5 digits, no spaces).");
  if (loc.lkf !== undefined && loc.lkf !== null) {
    if (!/^(\d{4}|\d{6})$/.test(String(loc.lkf))) errors.add(["location", "lkf"], "Enter a valid LKF code (4 or 6 digits).");
    else if (ctx.version === "v4" && registered) errors.add(["location", "lkf"], "lkf is only available for non-registered vehicle categories.");
  }
  const hasLat = loc.latitude !== undefined && loc.latitude !== null;
  const hasLon = loc.longitude !== undefined && loc.longitude !== null;
  if (hasLat !== hasLon) errors.add(["location", hasLat ? "longitude" : "latitude"], REQUIRED);
  if (hasLat) {
    const lat = toNumber(loc.latitude);
    if (lat === null || lat < -90 || lat > 90) errors.add(["location", "latitude"], "A valid number is required.");
  }
  if (hasLon) {
    const lon = toNumber(loc.longitude);
    if (lon === null || lon < -180 || lon > 180) errors.add(["location", "longitude"], "A valid number is required.");
  }
  if (!hasLat && !hasLon && (loc.zipcode ?? null) === null && (loc.lkf ?? null) === null) {
    errors.add(["location"], "Give zipcode, lkf, or latitude and longitude.");
  }
}

function checkContact(errors: Errors, doc: Record<string, unknown>, ctx: ValidationContext, registered: boolean): void {
  if (registered) {
    if (ctx.version === "v4" && ctx.sent.contact !== undefined && ctx.sent.contact !== null) errors.add(["contact"], "Field 'contact' must not be sent for this category");
    return;
  }
  const contact = doc.contact;
  if (contact === undefined || contact === null) return errors.add(["contact"], REQUIRED);
  if (!isObject(contact)) return errors.add(["contact"], "Invalid data. Expected a dictionary.");
  const v3 = ctx.version === "v3";
  checkString(errors, ["contact", "name"], contact.name, { required: v3, max: 100 });
  if (contact.phone === undefined || contact.phone === null) {
    if (v3) errors.add(["contact", "phone"], REQUIRED);
  } else if (typeof contact.phone !== "string" || !(v3 ? /^\d+$/ : /^(?=.{8,16}$)\+?\d+$/).test(contact.phone)) {
    errors.add(["contact", "phone"], v3 ? "Enter digits only." : "Enter 8 to 16 digits, optionally starting with +.");
  }
  if (contact.email === undefined || contact.email === null || contact.email === "") errors.add(["contact", "email"], REQUIRED);
  else if (typeof contact.email !== "string" || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.email)) errors.add(["contact", "email"], "Enter a valid email address.");
}

function checkCategoryFields(errors: Errors, doc: Record<string, unknown>, ctx: ValidationContext, registered: boolean): void {
  const cf = doc.category_fields;
  if (cf === undefined || cf === null) {
    if (ctx.version === "v4" || registered) errors.add(["category_fields"], REQUIRED);
    return;
  }
  if (!isObject(cf)) return errors.add(["category_fields"], "Invalid data. Expected a dictionary.");
  if (!registered) return;
  const at = (...p: string[]) => ["category_fields", ...p];
  // §3.5: the strict profile is the default for cars, vans, mopeds and campers whatever the API version.
  const strict = ctx.validationProfile !== "lenient" && STRICT_CATEGORIES.has(ctx.categoryId);

  const year = cf.model_year;
  if (year === undefined || year === null) errors.add(at("model_year"), REQUIRED);
  else if (toInt(year) === null) errors.add(at("model_year"), "A valid integer is required.");
  else if (toInt(year)! < 1900) errors.add(at("model_year"), "Ensure this value is greater than or equal to 1900.");
  else if (toInt(year)! > 2100) errors.add(at("model_year"), "Ensure this value is less than or equal to 2100.");

  const plate = cf.registration_number;
  const vin = cf.vin;
  if (plate !== undefined && plate !== null) {
    if (typeof plate !== "string" || !/^[A-Za-z0-9]+$/.test(plate)) errors.add(at("registration_number"), "Enter a valid registration number.");
    else if (plate.length > 6) errors.add(at("registration_number"), "Ensure this field has no more than 6 characters.");
  }
  if (vin !== undefined && vin !== null && (typeof vin !== "string" || vin.length < 17 || vin.length > 19)) {
    errors.add(at("vin"), "Ensure this field has 17 to 19 characters.");
  }
  const noPlate = plate === undefined || plate === null || plate === "";
  const noVin = vin === undefined || vin === null || vin === "";
  if ((ctx.mode === "create" || ctx.mode === "validate") && noPlate && noVin) {
    errors.add(at("registration_number"), REQUIRED);
    errors.add(at("vin"), REQUIRED);
  }
  if (ctx.mode === "update" && ctx.previousRegistrationNumber && typeof plate === "string" && plate.toUpperCase() !== ctx.previousRegistrationNumber.toUpperCase()) {
    errors.add(at("registration_number"), "registration_number cannot be changed");
  }

  const brand = cf.brand;
  if (brand !== undefined && brand !== null && !BRAND_IDS.has(String(brand))) errors.add(at("brand"), choice(brand));
  else if ((brand === undefined || brand === null) && strict) errors.add(at("brand"), REQUIRED);

  const model = cf.model;
  if (model === undefined || model === null || model === "") {
    if (strict) errors.add(at("model"), REQUIRED);
  } else if (typeof model !== "string") {
    errors.add(at("model"), "Not a valid string.");
  } else if (ctx.categoryId === 1020 && typeof brand === "string" && BRAND_IDS.has(brand) && !(CAR_MODELS[brand] ?? []).includes(model)) {
    errors.add(at("model"), choice(model));
  }

  const body = cf.body_type;
  if (body !== undefined && body !== null && !BODY_TYPE_IDS.has(String(body))) errors.add(at("body_type"), choice(body));
  else if ((body === undefined || body === null) && strict) errors.add(at("body_type"), REQUIRED);

  if (cf.in_traffic_date !== undefined && cf.in_traffic_date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(cf.in_traffic_date))) {
    errors.add(at("in_traffic_date"), "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
  }
  for (const flag of ["is_vat_deductible", "registration_number_hidden"]) {
    if (cf[flag] !== undefined && cf[flag] !== null && typeof cf[flag] !== "boolean") errors.add(at(flag), "Must be a valid boolean.");
  }
  for (const list of ["equipments", "equipment"]) {
    const value = cf[list];
    if (value !== undefined && value !== null && (!Array.isArray(value) || value.some((e) => typeof e !== "string"))) errors.add(at(list), "Expected a list of strings.");
  }

  const condition = cf.condition;
  const mileage = isObject(condition) ? condition.mileage : undefined;
  if (condition !== undefined && condition !== null && !isObject(condition)) errors.add(at("condition"), "Invalid data. Expected a dictionary.");
  if (mileage === undefined || mileage === null) {
    if (strict) errors.add(at("condition", "mileage"), REQUIRED);
  } else if (!isObject(mileage)) {
    errors.add(at("condition", "mileage"), "Invalid data. Expected a dictionary.");
  } else {
    if (mileage.unit !== undefined && mileage.unit !== "km") errors.add(at("condition", "mileage", "unit"), choice(mileage.unit));
    const value = toInt(mileage.value);
    if (value === null || value < 0) errors.add(at("condition", "mileage", "value"), "A valid integer is required.");
  }

  const powertrain = cf.powertrain;
  if (powertrain !== undefined && powertrain !== null && !isObject(powertrain)) errors.add(at("powertrain"), "Invalid data. Expected a dictionary.");
  const pt = isObject(powertrain) ? powertrain : {};
  const fuels = pt.fuels;
  if (fuels === undefined || fuels === null) {
    if (strict) errors.add(at("powertrain", "fuels"), REQUIRED);
  } else if (!Array.isArray(fuels) || fuels.length === 0) {
    errors.add(at("powertrain", "fuels"), "Expected a non-empty list of items.");
  } else {
    fuels.forEach((fuel, i) => { if (!FUEL_IDS.has(String(fuel))) errors.add(at("powertrain", "fuels", String(i)), choice(fuel)); });
  }
  const transmission = pt.transmission;
  if (transmission === undefined || transmission === null) {
    if (strict) errors.add(at("powertrain", "transmission"), REQUIRED);
  } else if (!TRANSMISSION_IDS.has(String(transmission))) {
    errors.add(at("powertrain", "transmission"), choice(transmission));
  }
}

/** Scalar `powertrain.fuel` is normalised to `fuels: [value]` (blocket.md §3.4); plates are stored upper-case. */
export function normaliseCategoryFields(cf: unknown): unknown {
  if (!isObject(cf)) return cf;
  const out: Record<string, unknown> = { ...cf };
  if (isObject(out.powertrain) && out.powertrain.fuel !== undefined && out.powertrain.fuels === undefined) {
    const { fuel, ...rest } = out.powertrain;
    out.powertrain = { ...rest, fuels: fuel === null ? null : [fuel] };
  }
  if (typeof out.registration_number === "string") out.registration_number = out.registration_number.toUpperCase();
  return out;
}

/** Validates the document that would be stored. Field errors win over business errors. */
export function validateAd(sent: Record<string, unknown>, ctx: ValidationContext): ValidationFailure | null {
  // Validated as it would be stored: a scalar powertrain.fuel counts as fuels (§3.4).
  const doc = sent.category_fields === undefined ? sent : { ...sent, category_fields: normaliseCategoryFields(sent.category_fields) };
  const errors = new Errors();
  const nonField: string[] = [];
  const registered = isRegistered(ctx.categoryId, ctx.version);

  if (ctx.mode === "create" || ctx.mode === "validate") {
    const sid = doc.source_id;
    if (ctx.mode === "create" || sid !== undefined) {
      if (sid === undefined || sid === null) errors.add(["source_id"], REQUIRED);
      else if (typeof sid !== "string") errors.add(["source_id"], "Not a valid string.");
      else if (sid.trim() === "") errors.add(["source_id"], BLANK);
      else if (sid.length > 255) errors.add(["source_id"], "Ensure this field has no more than 255 characters.");
      else if (/[\/?#\s]/.test(sid)) errors.add(["source_id"], "Enter a valid source id (no slashes, spaces, ? or #).");
    }
  }

  if (registered) {
    if (ctx.version === "v4" && ctx.sent.title !== undefined && ctx.sent.title !== null) errors.add(["title"], "Field 'title' must not be sent for this category");
  } else {
    checkString(errors, ["title"], doc.title, { required: true, max: 100 });
  }
  checkString(errors, ["body"], doc.body, { required: ctx.version === "v3", max: 10_000 });
  if (doc.visible !== undefined && typeof doc.visible !== "boolean") errors.add(["visible"], "Must be a valid boolean.");
  if (doc.dont_publish_on_failed_images !== undefined && typeof doc.dont_publish_on_failed_images !== "boolean") {
    errors.add(["dont_publish_on_failed_images"], "Must be a valid boolean.");
  }
  checkPrice(errors, nonField, doc, ctx, registered);
  checkImages(errors, doc);
  for (const field of ["url", "video_url", "product_declaration"]) checkUrl(errors, field, doc[field]);
  checkLocation(errors, doc, ctx, registered);
  checkContact(errors, doc, ctx, registered);
  checkCategoryFields(errors, doc, ctx, registered);
  if (ctx.strictUnknownFields) for (const path of unknownKeyPaths(ctx.sent, ctx.categoryId, ctx.version)) errors.add(path, "Unknown field.");

  if (!errors.empty) return { fields: errors.tree };
  if (nonField.length > 0) return { nonField };
  return null;
}
