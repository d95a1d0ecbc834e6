/** Canonical listings for the Okasie client tests. */
import { listingSchema, type Listing, type ListingInput } from "@/lib/listings/schema";

export function car(reference: string, overrides: Partial<ListingInput> = {}): Listing {
  return listingSchema.parse({
    reference,
    status: "active",
    title: `Volkswagen Golf ${reference}`,
    price: 18_500,
    make: "Volkswagen",
    model: "Golf",
    year: 2020,
    mileage: 42_000,
    fuelType: "petrol",
    transmission: "manual",
    postalCode: "9000",
    city: "Gent",
    province: "Oost-Vlaanderen",
    images: [`https://photos.example.com/${reference}/1.jpg`],
    features: [{ name: "Airco", category: "comfort" }],
    ...overrides,
  });
}

export const cars = (n: number, prefix = "STK") => Array.from({ length: n }, (_, i) => car(`${prefix}-${String(i).padStart(5, "0")}`));
