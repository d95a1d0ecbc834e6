import { db } from "@/lib/db";
import type { ListingInput } from "@/lib/listings/schema";

let counter = 0;
/** A valid car with a reference unique to this test run. */
export function car(over: Partial<ListingInput> = {}): ListingInput {
  counter += 1;
  return {
    reference: `T-${Date.now().toString(36)}-${counter}`, status: "active", title: "Skoda Octavia Combi 2.0 TDI", make: "Skoda", model: "Octavia",
    year: 2020, mileage: 81000, price: 18950, currency: "EUR", fuelType: "diesel", transmission: "manual", bodyType: "wagon",
    postalCode: "9000", city: "Gent", province: "Oost-Vlaanderen", images: ["https://img.test/1.jpg", "https://img.test/2.jpg"], ...over,
  };
}

export const dealerId = async (slug: string) => (await db.dealer.findUniqueOrThrow({ where: { slug } })).id;
