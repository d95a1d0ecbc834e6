/**
 * Blocket categories as the simulator knows them (blocket.md §3.1, §3.2, G-CAT).
 */

export interface CategoryInfo {
  id: number;
  /** v4 typed-endpoint slug, when the category has one. */
  vehicleType: string | null;
  /** Registered vehicle in v4: no title/contact, Bytbil publication, offer_id, pole position. */
  registeredV4: boolean;
  /** Registered vehicle through v3 (1121/1102/1101/1045 were plain ads there). */
  registeredV3: boolean;
  /** Accepted through v4 writes. */
  v4: boolean;
  /** Accepted through v3 writes. */
  v3: boolean;
}

const c = (id: number, vehicleType: string | null, registeredV4: boolean, registeredV3: boolean, v4: boolean, v3: boolean): CategoryInfo =>
  ({ id, vehicleType, registeredV4, registeredV3, v4, v3 });

const VEHICLE_CATEGORIES: CategoryInfo[] = [
  c(1020, "car", true, true, true, true),
  c(1021, "transport", true, true, true, true),
  c(1045, "trailer", true, false, true, true),
  c(1060, "boat", false, false, true, false),
  c(1101, "caravan", true, false, true, true),
  c(1102, "camper", true, false, true, true),
  c(1121, "moped", true, false, true, true),
  c(1122, null, true, true, true, true),
  c(1140, "motorcycle", true, true, true, true),
  c(1143, "atv", true, true, true, true),
  c(1180, "snowmobile", true, true, true, true),
  c(1227, "agriculture-thresher", false, false, true, false),
  c(1228, "agriculture-tractor", false, false, true, false),
  c(1229, "agriculture-tools", false, false, true, false),
  c(1321, "bus", false, false, true, false),
  c(1322, "truck", false, false, true, false),
  c(1323, "construction", false, false, true, false),
];

/** v3-only categories (old boats, old machinery, parts, and the non-vehicle ranges). */
const V3_ONLY_IDS = [
  1041, 1042, 1043, 1044, 1046, 1047, 1061, 1062, 1063, 1064, 1065, 1066, 1067, 1081, 1082, 1083, 1084, 1085,
  1161, 1162, 1163, 1164, 1200, 1221, 1222, 1223, 1224, 1225, 1226, 6141,
];

const NON_VEHICLE_RANGES: [number, number][] = [
  [2021, 2028], [2041, 2050], [2061, 2066], [4041, 4045], [4061, 4064], [5021, 5027], [5041, 5047], [5061, 5062],
  [6021, 6023], [6025, 6026], [6031, 6032], [6034, 6035], [6040, 6040], [6061, 6067], [6081, 6090], [6101, 6107],
  [6121, 6127], [6142, 6143], [6161, 6167], [6181, 6187], [7021, 7025], [7041, 7047], [7061, 7064], [7066, 7066],
  [8020, 8020], [8040, 8040],
];

const byId = new Map<number, CategoryInfo>(VEHICLE_CATEGORIES.map((info) => [info.id, info]));
for (const id of V3_ONLY_IDS) byId.set(id, c(id, null, false, false, false, true));
for (const [from, to] of NON_VEHICLE_RANGES) for (let id = from; id <= to; id++) byId.set(id, c(id, null, false, false, false, true));

const byType = new Map<string, CategoryInfo>(VEHICLE_CATEGORIES.filter((i) => i.vehicleType).map((i) => [i.vehicleType!, i]));

export const VEHICLE_TYPES = [...byType.keys()];

export function categoryById(id: number): CategoryInfo | undefined {
  return byId.get(id);
}

export function categoryByType(vehicleType: string): CategoryInfo | undefined {
  return byType.get(vehicleType);
}

/** Whether the category counts as a registered vehicle for a given API version. */
export function isRegistered(id: number, version: "v3" | "v4"): boolean {
  const info = byId.get(id);
  if (!info) return false;
  return version === "v4" ? info.registeredV4 : info.registeredV3;
}

/** V3 categories that must be migrated before a v4 PUT/PATCH (blocket.md §4.2). */
export const V4_INCOMPATIBLE_V3 = new Set([1121, 1102, 1101, 1045, 1061, 1062, 1063, 1064, 1065, 1066, 1067, 1221, 1222, 1223, 1225, 1226]);

/** Migration targets per typed endpoint (blocket.md §4.2 table). */
export const MIGRATION_SOURCES: Record<string, number[]> = {
  moped: [1121], camper: [1102], caravan: [1101], trailer: [1045],
  boat: [1061, 1062, 1063, 1064, 1065, 1066, 1067],
  "agriculture-tools": [1225, 1226], "agriculture-thresher": [1222], "agriculture-tractor": [1222],
  bus: [1221], truck: [1221], construction: [1223],
};

/** The strict validation profile (blocket.md §3.5 simulator resolution). */
export const STRICT_CATEGORIES = new Set([1020, 1021, 1121, 1102]);
