"use client";
import { useMemo, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useHookFormAction } from "@next-safe-action/adapter-react-hook-form/hooks";
import { useFieldArray, useWatch, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { saveListingAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField, Field } from "@/components/ui/field";
import { NumberField } from "@/components/ui/number-field";
import { PreflightPanel } from "@/components/listings/preflight-panel";
import { saveListingSchema } from "@/lib/listings/commands-schema";
import {
  BLOCKET_CATEGORIES, BODY_TYPES, CO2_TYPES, CONDITIONS, DRIVE_TYPES, FUEL_TYPES, INTERIOR_MATERIALS, PAINT_TYPES, TRANSMISSIONS, VAT_REGIMES,
  listingSchema, type Listing,
} from "@/lib/listings/schema";
import type { PreflightTarget } from "@/lib/listings/preflight";

export interface EditorConnection extends PreflightTarget {
  marketplace: string;
  /** Currency of a price override on this connection (its marketplace's). */
  currency: "EUR" | "SEK";
}

export interface ChannelValues { enabled: boolean; title: string | null; description: string | null; price: number | null }

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const text = { setValueAs: (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v) };
const bool = { setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? null : v === true || v === "true") };

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {description && <p className="mb-3 text-sm text-slate-500">{description}</p>}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}

/**
 * The listing as far as it is valid: fields that fail the schema are left out, so the checklist
 * still shows every marketplace's view while the form is half filled.
 */
function bestEffortListing(raw: object): Listing | null {
  const parsed = listingSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const again = listingSchema.partial().safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
  return again.success ? ({ reference: "", title: "", images: [], features: [], conditionTags: [], ...again.data } as Listing) : null;
}

type FormValues = { dealer: string; id?: string; listing: Listing; channels: Record<string, ChannelValues> };

export function ListingEditor({ dealer, id, listing, channels, connections, referenceLocked, readOnly }: {
  dealer: string; id?: string; listing: Partial<Listing>; channels: Record<string, ChannelValues>; connections: EditorConnection[]; referenceLocked: boolean; readOnly: boolean;
}) {
  const router = useRouter();
  const { form, action, handleSubmitWithAction } = useHookFormAction(saveListingAction, zodResolver(saveListingSchema), {
    formProps: { defaultValues: { dealer, id, listing: listing as Listing, channels } as FormValues, mode: "onTouched" },
    actionProps: {
      onSuccess: ({ data }) => {
        if (!data) return;
        if (!id) router.push(`/d/${dealer}/listings/${data.id}?created=1`);
        else router.refresh();
      },
    },
  });
  const { register, control } = form;
  const errors = (form.formState.errors.listing ?? {}) as FieldErrors<Listing>;
  const err = (field: keyof Listing) => (errors[field] as { message?: string } | undefined)?.message;
  const images = useFieldArray({ control, name: "listing.images" as never });
  const features = useFieldArray({ control, name: "listing.features" });
  const [newImage, setNewImage] = useState("");
  const [imageError, setImageError] = useState<string | null>(null);
  const values = useWatch({ control }) as FormValues;
  const reg = register as unknown as UseFormRegister<{ [k: string]: unknown }>;
  const f = (name: keyof Listing, opts?: object) => reg(`listing.${name}`, opts);

  // The same rules the server runs before a sync, on what is typed right now.
  const preflightInput = useMemo(() => bestEffortListing(values.listing ?? {}), [values.listing]);

  const addImage = () => {
    const url = newImage.trim();
    const ok = /^https?:\/\/\S+$/.test(url);
    setImageError(ok ? null : "Enter an image address starting with http:// or https://.");
    if (!ok) return;
    images.append(url as never);
    setNewImage("");
  };

  const serverError = action.result.serverError ?? action.result.validationErrors?._errors?.[0];
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-6">
        <fieldset disabled={readOnly} className="space-y-6">
          <Section title="Basics">
            <TextField label="Reference (stock number)" {...f("reference", text)} error={err("reference")} readOnly={referenceLocked}
              hint={referenceLocked ? "Sent to a marketplace: it can no longer change." : "Letters, digits, dot, dash, underscore; at most 64. It cannot change once published."} />
            <SelectField label="Status" options={[{ value: "draft", label: "Draft (not published)" }, { value: "active", label: "For sale" }, { value: "reserved", label: "Reserved" }, { value: "sold", label: "Sold" }]} {...f("status")} error={err("status")} />
            <TextField label="Title" {...f("title")} error={err("title")} />
            <NumberField control={control} name="listing.price" kind="money" currency={values.listing?.currency === "SEK" ? "SEK" : "EUR"} label="Price" error={err("price")} />
            <SelectField label="Currency" options={[{ value: "EUR", label: "EUR" }, { value: "SEK", label: "SEK" }]} {...f("currency")} error={err("currency")} />
            <SelectField label="Condition" placeholder="—" options={options(CONDITIONS)} {...f("condition", text)} error={err("condition")} />
            <div className="sm:col-span-2 lg:col-span-3">
              <Field label="Description" id="listing-description" error={err("description")}>
                <textarea id="listing-description" rows={5} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" {...f("description", text)} />
              </Field>
            </div>
          </Section>

          <Section title="Vehicle">
            <TextField label="Make" {...f("make", text)} error={err("make")} />
            <TextField label="Model" {...f("model", text)} error={err("model")} />
            <TextField label="Variant / trim" {...f("variant", text)} error={err("variant")} />
            <NumberField control={control} name="listing.year" kind="number" label="Build year" error={err("year")} />
            <TextField label="First registration" placeholder="YYYY-MM" {...f("firstRegistration", text)} error={err("firstRegistration")} />
            <NumberField control={control} name="listing.mileage" kind="mileage" label="Mileage (km)" error={err("mileage")} />
            <SelectField label="Fuel" placeholder="—" options={options(FUEL_TYPES)} {...f("fuelType", text)} error={err("fuelType")} />
            <SelectField label="Transmission" placeholder="—" options={options(TRANSMISSIONS)} {...f("transmission", text)} error={err("transmission")} />
            <SelectField label="Body type" placeholder="—" options={options(BODY_TYPES)} {...f("bodyType", text)} error={err("bodyType")} />
            <SelectField label="Drive" placeholder="—" options={options(DRIVE_TYPES)} {...f("driveType", text)} error={err("driveType")} />
            <TextField label="Engine" placeholder="2.0 TSI" {...f("engine", text)} error={err("engine")} />
            <NumberField control={control} name="listing.powerKw" kind="number" decimals={1} label="Power (kW)" error={err("powerKw")} />
            <NumberField control={control} name="listing.gears" kind="number" label="Gears" error={err("gears")} />
            <NumberField control={control} name="listing.doors" kind="number" label="Doors" error={err("doors")} />
            <NumberField control={control} name="listing.seats" kind="number" label="Seats" error={err("seats")} />
            <TextField label="Colour" {...f("color", text)} error={err("color")} />
            <SelectField label="Paint" placeholder="—" options={options(PAINT_TYPES)} {...f("paintType", text)} error={err("paintType")} />
            <TextField label="Interior colour" {...f("interiorColor", text)} error={err("interiorColor")} />
            <SelectField label="Upholstery" placeholder="—" options={options(INTERIOR_MATERIALS)} {...f("interiorMaterial", text)} error={err("interiorMaterial")} />
            <NumberField control={control} name="listing.weight" kind="number" label="Weight (kg)" error={err("weight")} />
            <NumberField control={control} name="listing.previousOwners" kind="number" label="Previous owners" error={err("previousOwners")} />
            <NumberField control={control} name="listing.co2Emission" kind="number" label="CO₂ (g/km)" error={err("co2Emission")} />
            <SelectField label="CO₂ standard" placeholder="—" options={options(CO2_TYPES)} {...f("co2Type", text)} error={err("co2Type")} />
            <TextField label="Emission class" placeholder="Euro 6d" {...f("emissionClass", text)} error={err("emissionClass")} />
            <NumberField control={control} name="listing.fuelConsumption" kind="number" decimals={1} label="Consumption (l/100 km)" error={err("fuelConsumption")} />
            <SelectField label="VAT regime" placeholder="—" options={options(VAT_REGIMES)} {...f("vatRegime", text)} error={err("vatRegime")} />
            <SelectField label="Service history" placeholder="—" options={[{ value: "true", label: "Yes" }, { value: "false", label: "No" }]} {...f("serviceHistory", bool)} error={err("serviceHistory")} />
            <SelectField label="Warranty" placeholder="—" options={[{ value: "true", label: "Yes" }, { value: "false", label: "No" }]} {...f("warranty", bool)} error={err("warranty")} />
            <NumberField control={control} name="listing.warrantyMonths" kind="number" label="Warranty (months)" error={err("warrantyMonths")} />
            <TextField label="VIN" {...f("vin", text)} error={err("vin")} />
            <TextField label="Car-Pass (link or number)" {...f("carPassUrl", text)} error={err("carPassUrl")} />
          </Section>

          <Section title="Location" description="Okasie needs postal code, city and province for a car that is for sale.">
            <TextField label="Postal code" {...f("postalCode", text)} error={err("postalCode")} />
            <TextField label="City" {...f("city", text)} error={err("city")} />
            <TextField label="Province" placeholder="Oost-Vlaanderen" {...f("province", text)} error={err("province")} />
          </Section>

          <Section title="Blocket / Bytbil" description="Used when the car is published in Sweden.">
            <SelectField label="Blocket category" options={Object.entries(BLOCKET_CATEGORIES).map(([value, c]) => ({ value, label: c.label }))} {...f("blocketCategory")} error={err("blocketCategory")} />
            <TextField label="Registration number" placeholder="ABC123" {...f("registrationNumber", text)} error={err("registrationNumber")} />
            <SelectField label="Hide the plate on the ad" placeholder="—" options={[{ value: "true", label: "Yes" }, { value: "false", label: "No" }]} {...f("registrationNumberHidden", bool)} error={err("registrationNumberHidden")} />
            <TextField label="Contact name (boats, trucks…)" {...f("contactName", text)} error={err("contactName")} />
            <TextField label="Contact phone" {...f("contactPhone", text)} error={err("contactPhone")} />
            <TextField label="Contact e-mail" type="email" {...f("contactEmail", text)} error={err("contactEmail")} />
          </Section>

          <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <legend className="px-1 text-base font-semibold text-slate-900">Photos</legend>
            <p className="mb-3 text-sm text-slate-500">The first photo is the cover. Okasie takes up to 50, Blocket up to 38 (JPG or PNG).</p>
            <ol className="space-y-2" aria-label="Photos in display order">
              {images.fields.map((field, index) => (
                <li key={field.id} className="flex items-center gap-2 rounded-md border border-slate-200 px-2 py-1.5 text-sm" data-testid="image-row">
                  <span className="w-6 text-right text-xs text-slate-500">{index + 1}.</span>
                  <span className="min-w-0 flex-1 truncate font-mono text-xs" title={String(values.listing?.images?.[index] ?? "")}>{String(values.listing?.images?.[index] ?? "")}</span>
                  <Button size="sm" variant="ghost" aria-label={`Move photo ${index + 1} up`} disabled={index === 0} onClick={() => images.move(index, index - 1)}>↑</Button>
                  <Button size="sm" variant="ghost" aria-label={`Move photo ${index + 1} down`} disabled={index === images.fields.length - 1} onClick={() => images.move(index, index + 1)}>↓</Button>
                  <Button size="sm" variant="ghost" aria-label={`Remove photo ${index + 1}`} onClick={() => images.remove(index)}>Remove</Button>
                </li>
              ))}
              {images.fields.length === 0 && <li className="text-sm text-slate-500">No photos yet.</li>}
            </ol>
            {(errors.images as { message?: string } | undefined)?.message && <p role="alert" className="mt-2 text-sm text-red-700">{(errors.images as { message?: string }).message}</p>}
            <div className="mt-3 flex items-start gap-2">
              <div className="flex-1">
                <TextField label="Add a photo by its address" placeholder="https://…/photo.jpg" value={newImage} onChange={(e) => setNewImage(e.target.value)}
                  onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); addImage(); } }} error={imageError ?? undefined} />
              </div>
              <Button variant="secondary" className="mt-6" onClick={addImage}>Add photo</Button>
            </div>
          </fieldset>

          <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <legend className="px-1 text-base font-semibold text-slate-900">Features</legend>
            <ul className="space-y-2">
              {features.fields.map((field, index) => (
                <li key={field.id} className="grid grid-cols-[1fr_2fr_auto] items-end gap-2">
                  <TextField label={`Feature ${index + 1} category`} placeholder="Comfort" {...reg(`listing.features.${index}.category`, text)} />
                  <TextField label={`Feature ${index + 1}`} placeholder="Heated seats" {...reg(`listing.features.${index}.name`)} error={(errors.features as unknown as { name?: { message?: string } }[] | undefined)?.[index]?.name?.message} />
                  <Button variant="ghost" aria-label={`Remove feature ${index + 1}`} onClick={() => features.remove(index)}>Remove</Button>
                </li>
              ))}
            </ul>
            <Button variant="secondary" className="mt-3" onClick={() => features.append({ category: null, name: "" })}>Add a feature</Button>
          </fieldset>

          {connections.length > 0 && (
            <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <legend className="px-1 text-base font-semibold text-slate-900">Marketplaces</legend>
              <p className="mb-3 text-sm text-slate-500">Publish on each of your marketplaces, with its own title, description or price if you like (the price in that marketplace&apos;s currency).</p>
              <div className="space-y-4">
                {connections.map((c) => (
                  <div key={c.connectionId} className="rounded-md border border-slate-200 p-3">
                    <label className="flex items-center gap-2 text-sm font-medium">
                      <input type="checkbox" className="h-4 w-4" {...reg(`channels.${c.connectionId}.enabled`)} /> Publish on {c.name}
                    </label>
                    <div className="mt-3 grid gap-3 sm:grid-cols-3">
                      <TextField label={`Title on ${c.name}`} placeholder="Same as above" {...reg(`channels.${c.connectionId}.title`, text)} />
                      <NumberField control={control} name={`channels.${c.connectionId}.price`} kind="money" currency={c.currency} label={`Price on ${c.name} (${c.currency})`} placeholder="Same as above" />
                      <TextField label={`Description on ${c.name}`} placeholder="Same as above" {...reg(`channels.${c.connectionId}.description`, text)} />
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>
          )}
        </fieldset>
      </div>

      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        {!readOnly && (
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <FormMessage error={serverError} success={action.hasSucceeded && id ? "Saved. The marketplaces follow at the next sync." : null} />
            {Object.keys(form.formState.errors).length > 0 && <p role="alert" className="mb-2 text-sm text-red-700">Some fields need attention; they are marked in red.</p>}
            <Button type="submit" className="mt-2 w-full" disabled={action.isPending}>{action.isPending ? "Saving…" : id ? "Save changes" : "Create car"}</Button>
          </div>
        )}
        <PreflightPanel listing={preflightInput} connections={connections} channels={values.channels ?? {}} />
      </aside>
    </form>
  );
}
