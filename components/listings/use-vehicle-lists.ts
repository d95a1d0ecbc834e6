"use client";
/**
 * The make and model lists of the editor's combo boxes, from the dealer's list route (cached on
 * the server; see lib/vehicles/lookups.ts). Brands load once; a brand's models when the make
 * matches one of them (or, for the bundled list, by its name).
 */
import { useQuery } from "@tanstack/react-query";
import type { ComboOption } from "@/components/listings/vehicle-combobox";

interface Options { source: string; values: ComboOption[]; idFields: { brand: string; model: string } | null }

async function load(url: string): Promise<Options> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`vehicle list: ${res.status}`);
  return (await res.json()) as Options;
}

const named = (values: ComboOption[], text: string) => {
  const q = text.trim().toLowerCase();
  return q ? values.find((v) => v.name.toLowerCase() === q || v.id.toLowerCase() === q) ?? null : null;
};

export function useVehicleLists(dealer: string, make: string, enabled: boolean) {
  const base = `/d/${encodeURIComponent(dealer)}/listings/vehicle-values`;
  const brands = useQuery({ queryKey: ["vehicle-values", dealer, "brands"], queryFn: () => load(`${base}?list=brands`), enabled, staleTime: 3_600_000, retry: 1 });
  const brand = named(brands.data?.values ?? [], make);
  // A marketplace's models are asked by its brand id; the bundled list by the name typed.
  const brandKey = brands.data?.idFields ? brand?.id : make.trim();
  const models = useQuery({
    queryKey: ["vehicle-values", dealer, "models", brandKey],
    queryFn: () => load(`${base}?list=models&brand=${encodeURIComponent(brandKey!)}`),
    enabled: enabled && !!brandKey && (brands.data?.idFields ? true : !!brand),
    staleTime: 3_600_000,
    retry: 1,
  });
  return {
    brands: brands.data?.values ?? [],
    models: models.data?.values ?? [],
    loadingBrands: brands.isLoading,
    loadingModels: models.isLoading && models.fetchStatus !== "idle",
    /** Listing fields keeping the chosen values' ids, when the lists are a marketplace's. */
    idFields: brands.data?.idFields ?? null,
    brandNamed: (text: string) => named(brands.data?.values ?? [], text),
    modelNamed: (text: string) => named(models.data?.values ?? [], text),
  };
}
