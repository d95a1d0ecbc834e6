/**
 * The demo data a newcomer signs in to (listed in the README). Idempotent: users, dealers and
 * cars are upserted by their natural keys, so running it twice changes nothing.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { listingSchema, type ListingInput } from "@/lib/listings/schema";
import { toRow } from "@/lib/listings/store";
import { env, isProduction } from "@/lib/env";
import { lastFour, seal } from "@/lib/vault";

export const DEMO_PASSWORD = "forecourt-demo";

const USERS = [
  { email: "admin@forecourt.test", name: "Platform Admin", isPlatformAdmin: true },
  { email: "owner@autogent.test", name: "Annelies Owner" },
  { email: "staff@autogent.test", name: "Pieter Staff" },
  { email: "viewer@autogent.test", name: "Vera Viewer" },
  { email: "staff@bilhuset.test", name: "Sven Staff" },
];

const DEALERS = [
  {
    slug: "auto-gent", name: "Auto Gent", country: "BE" as const,
    contactEmail: "info@autogent.test", contactPhone: "+3291234567", postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen",
    members: [["owner@autogent.test", "ADMIN"], ["staff@autogent.test", "STAFF"], ["viewer@autogent.test", "VIEWER"]] as const,
  },
  {
    slug: "bilhuset", name: "Bilhuset Stockholm", country: "SE" as const,
    contactEmail: "info@bilhuset.test", contactPhone: "+46812345678", postalCode: "11122", city: "Stockholm", province: null,
    members: [["staff@bilhuset.test", "STAFF"]] as const,
  },
];

const img = (slug: string, n: number) => Array.from({ length: n }, (_, i) => `https://images.forecourt.test/demo/${slug}/${i + 1}.jpg`);

const GENT_LOCATION = { postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen" };
const CARS: Record<string, ListingInput[]> = {
  "auto-gent": [
    { reference: "AG-1001", status: "active", title: "Volkswagen Golf 1.5 TSI Life", make: "Volkswagen", model: "Golf", variant: "Life", year: 2021, mileage: 38500, price: 21950, currency: "EUR", fuelType: "petrol", transmission: "manual", bodyType: "hatchback", driveType: "FWD", powerKw: 96, doors: 5, seats: 5, color: "Grijs", paintType: "Metallic", firstRegistration: "2021-04", condition: "used", vatRegime: "margin", co2Emission: 128, co2Type: "WLTP", emissionClass: "Euro 6d", images: img("golf", 4), features: [{ category: "Comfort", name: "Adaptieve cruise control" }, { name: "Apple CarPlay" }], ...GENT_LOCATION },
    { reference: "AG-1002", status: "active", title: "Opel Corsa 1.2 Edition", make: "Opel", model: "Corsa", variant: "Edition", year: 2022, mileage: 15200, price: 15490, currency: "EUR", fuelType: "petrol", transmission: "manual", bodyType: "hatchback", powerKw: 55, doors: 5, seats: 5, color: "Blauw", firstRegistration: "2022-02", condition: "used", vatRegime: "margin", images: img("corsa", 3), ...GENT_LOCATION },
    { reference: "AG-1003", status: "active", title: "BMW 320d Touring M Sport", make: "BMW", model: "3 Reeks", variant: "M Sport", year: 2020, mileage: 72400, price: 29900, currency: "EUR", fuelType: "diesel", transmission: "automatic", bodyType: "wagon", driveType: "RWD", powerKw: 140, gears: 8, doors: 5, seats: 5, color: "Zwart", paintType: "Metallic", interiorMaterial: "Leder", firstRegistration: "2020-09", condition: "used", vatRegime: "btw", serviceHistory: true, warranty: true, warrantyMonths: 12, images: img("320d", 6), ...GENT_LOCATION },
    { reference: "AG-1004", status: "reserved", title: "Peugeot 3008 1.6 Hybrid GT", make: "Peugeot", model: "3008", variant: "GT", year: 2023, mileage: 9800, price: 38450, currency: "EUR", fuelType: "hybrid", transmission: "automatic", bodyType: "suv", powerKw: 165, color: "Wit", paintType: "Parelmoer", firstRegistration: "2023-05", condition: "demo", vatRegime: "btw", images: img("3008", 5), ...GENT_LOCATION },
    { reference: "AG-1005", status: "draft", title: "Toyota Yaris 1.5 Hybrid Dynamic", make: "Toyota", model: "Yaris", variant: "Dynamic", year: 2021, mileage: 41000, price: null, currency: "EUR", fuelType: "hybrid", transmission: "automatic", bodyType: "hatchback", images: [] },
    { reference: "AG-1006", status: "sold", title: "Tesla Model 3 Long Range", make: "Tesla", model: "Model 3", variant: "Long Range", year: 2021, mileage: 56000, price: 31900, currency: "EUR", fuelType: "electric", transmission: "automatic", bodyType: "sedan", driveType: "AWD", powerKw: 324, color: "Rood", firstRegistration: "2021-06", images: img("model3", 4), ...GENT_LOCATION },
  ],
  bilhuset: [
    { reference: "BH-2001", status: "active", title: "Volvo XC60 T5 Momentum", make: "Volvo", model: "XC60", variant: "T5 Momentum", year: 2021, mileage: 42000, price: 349900, currency: "SEK", fuelType: "petrol", transmission: "automatic", bodyType: "suv", driveType: "AWD", color: "Svart", firstRegistration: "2021-03", registrationNumber: "ABC123", blocketCategory: "car", vatRegime: "btw", images: img("xc60", 5), features: [{ name: "Dragkrok" }, { name: "Eluppvärmda säten" }] },
    { reference: "BH-2002", status: "active", title: "Volvo V60 D4 Inscription", make: "Volvo", model: "V60", variant: "D4 Inscription", year: 2019, mileage: 98000, price: 229000, currency: "SEK", fuelType: "diesel", transmission: "automatic", bodyType: "wagon", color: "Silver", firstRegistration: "2019-08", registrationNumber: "DEF456", blocketCategory: "car", images: img("v60", 4) },
    { reference: "BH-2003", status: "active", title: "Volkswagen ID.4 Pro Performance", make: "Volkswagen", model: "ID.4", variant: "Pro Performance", year: 2022, mileage: 23000, price: 379000, currency: "SEK", fuelType: "electric", transmission: "automatic", bodyType: "suv", color: "Vit", firstRegistration: "2022-01", registrationNumber: "GHI789", blocketCategory: "car", images: img("id4", 4) },
    { reference: "BH-2004", status: "draft", title: "Volkswagen Transporter 2.0 TDI", make: "Volkswagen", model: "Transporter", year: 2018, mileage: 145000, price: 189000, currency: "SEK", fuelType: "diesel", transmission: "manual", bodyType: "van", registrationNumber: "JKL012", blocketCategory: "transport", images: img("transporter", 3) },
  ],
};

/**
 * Why loading the demo data into this database would be a mistake, or null when it is fine. The
 * demo data includes a platform admin whose password is published in the README: anywhere but
 * a throwaway database on this machine, that lets anyone in.
 */
export async function demoSeedRefusal(db: PrismaClient, databaseUrl: string): Promise<string | null> {
  const target = demoSeedTargetRefusal(databaseUrl);
  if (target) return target;
  const own = await db.user.count({ where: { email: { notIn: USERS.map((u) => u.email) } } });
  if (own > 0) return `the database already holds ${own} user(s) of its own`;
  return null;
}

/** The checks that need no connection (made before anything is migrated). Null URL: the embedded database. */
export function demoSeedTargetRefusal(databaseUrl: string | null): string | null {
  if (isProduction()) return "NODE_ENV is production";
  if (databaseUrl && !isLocalDatabase(databaseUrl)) return `DATABASE_URL points at ${safeHost(databaseUrl)}, not at this machine`;
  return null;
}

function isLocalDatabase(url: string): boolean {
  try {
    const parsed = new URL(url);
    const socket = parsed.searchParams.get("host");
    if (!parsed.hostname) return !socket || socket.startsWith("/");
    return ["localhost", "127.0.0.1", "[::1]", "::1"].includes(parsed.hostname);
  } catch {
    return false;
  }
}

const safeHost = (url: string) => {
  try {
    return new URL(url).host || "a socket";
  } catch {
    return "an unreadable URL";
  }
};

/** Loads the demo data. Refuses in production unless `force` (see demoSeedRefusal for the rest). */
export async function seedDemo(db: PrismaClient, { force = false }: { force?: boolean } = {}) {
  if (isProduction() && !force) throw new Error("Refusing to load the demo data (known passwords) with NODE_ENV=production.");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of USERS) {
    await db.user.upsert({ where: { email: u.email }, update: {}, create: { ...u, isPlatformAdmin: u.isPlatformAdmin ?? false, passwordHash } });
  }
  for (const { members, ...d } of DEALERS) {
    const dealer = await db.dealer.upsert({ where: { slug: d.slug }, update: {}, create: d });
    for (const [email, role] of members) {
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      await db.membership.upsert({ where: { dealerId_userId: { dealerId: dealer.id, userId: user.id } }, update: {}, create: { dealerId: dealer.id, userId: user.id, role } });
    }
    for (const car of CARS[d.slug] ?? []) {
      const row = toRow(listingSchema.parse(car));
      await db.listing.upsert({ where: { dealerId_reference: { dealerId: dealer.id, reference: row.reference } }, update: {}, create: { ...row, dealerId: dealer.id } });
    }
  }
  await seedConnections(db);
}

/**
 * Working connections to the local sandbox (`npm run sandbox`), so publishing works out of the box.
 * Their URLs follow this checkout's SANDBOX_*_PORT (lib/env.ts derives the URLs from the ports),
 * so a second checkout beside the first talks to its own simulators.
 */
const CONNECTIONS = [
  {
    dealer: "auto-gent", id: "demo-okasie-auto-gent", name: "Okasie — Auto Gent Centrum", marketplace: "OKASIE" as const,
    baseUrl: () => env().SANDBOX_OKASIE_URL, token: "okasie-sandbox-token",
    dealerProfileId: "7f7f7f7f-7f7f-407f-a7f7-7f7f7f7f7f7f", dealerLocationCode: "DEX-GENT",
  },
  {
    dealer: "bilhuset", id: "demo-blocket-bilhuset", name: "Blocket — Bilhuset Stockholm", marketplace: "BLOCKET" as const,
    baseUrl: () => env().SANDBOX_BLOCKET_URL, token: "blocket-sandbox-token", dealerCode: "FC-STHLM", tokenScope: "dealer_group",
  },
];

export async function seedConnections(db: PrismaClient) {
  for (const { dealer: slug, token, baseUrl, ...c } of CONNECTIONS) {
    const dealer = await db.dealer.findUniqueOrThrow({ where: { slug } });
    if (await db.connection.findUnique({ where: { id: c.id } })) continue;
    const sealed = seal(token, c.id);
    await db.connection.create({
      data: { ...c, dealerId: dealer.id, environment: "SANDBOX", baseUrl: baseUrl(), tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour(token) },
    });
  }
}

/** True while a demo account still signs in with the published demo password. */
export async function demoPasswordsInUse(db: PrismaClient): Promise<boolean> {
  const users = await db.user.findMany({ where: { email: { in: USERS.map((u) => u.email) } }, select: { passwordHash: true } });
  for (const u of users) if (await verifyPassword(u.passwordHash, DEMO_PASSWORD)) return true;
  return false;
}

/**
 * Points the demo sandbox connections at this checkout's simulators again (a database seeded while
 * other ports were configured would otherwise write into another checkout's sandbox).
 * Returns how many were moved.
 */
export async function alignDemoConnections(db: PrismaClient): Promise<number> {
  let moved = 0;
  for (const c of CONNECTIONS) {
    const { count } = await db.connection.updateMany({ where: { id: c.id, environment: "SANDBOX", NOT: { baseUrl: c.baseUrl() } }, data: { baseUrl: c.baseUrl() } });
    moved += count;
  }
  return moved;
}

/** True when the database has no users yet (the dev script seeds only then). */
export async function isEmpty(db: PrismaClient) {
  return (await db.user.count()) === 0;
}
