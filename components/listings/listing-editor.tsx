"use client";
import { Fragment, useEffect, useMemo, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useHookFormAction } from "@next-safe-action/adapter-react-hook-form/hooks";
import { useController, useFieldArray, useWatch, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { useTranslations } from "next-intl";
import { saveListingAction } from "@/app/(dashboard)/d/[dealer]/listings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField, Field } from "@/components/ui/field";
import { NumberField } from "@/components/ui/number-field";
import { PreflightPanel } from "@/components/listings/preflight-panel";
import { PlausibilityPanel } from "@/components/listings/plausibility-panel";
import { PhotoManager } from "@/components/listings/photo-manager";
import { useMessage } from "@/components/ui/use-message";
import { useUnsavedGuard } from "@/components/ui/use-unsaved-guard";
import { saveListingSchemaFor } from "@/lib/listings/commands-schema";
import { fieldGroups, type EditorField } from "@/lib/listings/editor-fields";
import { descriptorOf } from "@/lib/marketplaces/registry";
import { VehicleCombobox } from "@/components/listings/vehicle-combobox";
import { useVehicleLists } from "@/components/listings/use-vehicle-lists";
import { decodeVin } from "@/lib/vehicles/vin";
import {
  BLOCKET_CATEGORIES, BODY_TYPES, CO2_TYPES, CONDITIONS, DRIVE_TYPES, FUEL_TYPES, INTERIOR_MATERIALS, PAINT_TYPES, TRANSMISSIONS, VAT_REGIMES,
  LISTING_STATUSES, listingSchema, type Listing,
} from "@/lib/listings/schema";
import { plausibilityWarnings, type PlausibilityWarning } from "@/lib/listings/plausibility";
import { preflight, type PreflightTarget } from "@/lib/listings/preflight";

export interface EditorConnection extends PreflightTarget {
  marketplace: string;
  /** Currency of a price override on this connection (its marketplace's). */
  currency: "EUR" | "SEK";
}

export interface ChannelValues { enabled: boolean; title: string | null; description: string | null; price: number | null }

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

type FormValues = { dealer: string; id?: string; listing: Listing; channels: Record<string, ChannelValues>; confirm: string[]; autoReference?: string | null };

/** The title a dealer would write: make, model, variant and engine. */
export function proposedTitle(l: Partial<Listing>): string {
  return [l.make, l.model, l.variant, l.engine].map((v) => (v ?? "").trim()).filter(Boolean).join(" ");
}

export function ListingEditor({ dealer, id, listing, channels, connections, referenceLocked, readOnly, maxUploadBytes, country, proposedReference = null }: {
  dealer: string; id?: string; listing: Partial<Listing>; channels: Record<string, ChannelValues>; connections: EditorConnection[]; referenceLocked: boolean; readOnly: boolean;
  /** The largest photo the server takes (checked before sending, so a phone does not upload in vain). */
  maxUploadBytes: number;
  /** The dealer's country: a Swedish dealer's plates follow Swedish rules. */
  country: string;
  /** A new car: the next reference of the dealer's pattern (numbered for real on save while unchanged). */
  proposedReference?: string | null;
}) {
  const router = useRouter();
  const t = useTranslations("editor");
  const tf = useTranslations("fields");
  const te = useTranslations("enums");
  const tStatus = useTranslations("listingStatus");
  const tCommon = useTranslations("common");
  const tq = useTranslations("quickCar");
  const message = useMessage();
  // Warnings the server asked the dealer to confirm before this car goes on sale.
  const [toConfirm, setToConfirm] = useState<PlausibilityWarning[]>([]);
  const { form, action, handleSubmitWithAction } = useHookFormAction(saveListingAction, zodResolver(saveListingSchemaFor(country)), {
    formProps: { defaultValues: { dealer, id, listing: listing as Listing, channels, confirm: [], autoReference: proposedReference } as FormValues, mode: "onTouched" },
    actionProps: {
      onSuccess: ({ data }) => {
        if (!data) return;
        form.setValue("confirm", []);
        setToConfirm(data.needsConfirmation);
        // On a phone the values to confirm are below the form: bring them into view.
        if (data.needsConfirmation.length > 0 && window.matchMedia("(max-width: 1023px)").matches) document.getElementById("editor-checks")?.scrollIntoView({ block: "start" });
        if (data.needsConfirmation.length > 0 || !data.id) return;
        form.reset(form.getValues()); // saved: nothing unsaved any more, so leaving asks nothing
        if (!id) router.push(`/d/${dealer}/listings/${data.id}?created=1`);
        else router.refresh();
      },
    },
  });
  const { register, control } = form;
  useUnsavedGuard(!readOnly && form.formState.isDirty, t("unsavedLeave"));
  const errors = (form.formState.errors.listing ?? {}) as FieldErrors<Listing>;
  const err = (field: keyof Listing) => (errors[field] as { message?: string } | undefined)?.message;
  const images = useController({ control, name: "listing.images" });
  const features = useFieldArray({ control, name: "listing.features" });
  const values = useWatch({ control }) as FormValues;
  const reg = register as unknown as UseFormRegister<{ [k: string]: unknown }>;
  const f = (name: keyof Listing, opts?: object) => reg(`listing.${name}`, opts);
  const setListing = (name: keyof Listing, value: unknown) => form.setValue(`listing.${name}` as "listing.title", value as string, { shouldDirty: true, shouldValidate: form.formState.submitCount > 0 });

  // Which fields: those the dealer's marketplaces read, required first, the rest folded.
  const groups = useMemo(() => fieldGroups(connections.map((c) => descriptorOf(c.marketplace).fields)), [connections]);
  const required = new Set<EditorField>(groups.required);
  const withError = (field: EditorField) => errors[field] !== undefined;
  const folded = [...groups.more, ...groups.hidden.filter(withError)];
  // Folded until opened; a folded field with an error opens it, so the error is never hidden.
  const [moreOpen, setMoreOpen] = useState(false);
  const foldedErrors = folded.some(withError);

  // Make and model lists: the marketplace's (cached on the server) or the bundled one.
  const lists = useVehicleLists(dealer, values.listing?.make ?? "", !readOnly);
  const typeMake = (text: string) => {
    setListing("make", text);
    if (lists.idFields) setListing(lists.idFields.brand as keyof Listing, lists.brandNamed(text)?.id ?? null);
  };
  const typeModel = (text: string) => {
    setListing("model", text);
    if (lists.idFields) setListing(lists.idFields.model as keyof Listing, lists.modelNamed(text)?.id ?? null);
  };

  // The title follows make, model, variant and engine until the dealer types one.
  const [titleAuto, setTitleAuto] = useState(!listing.title);
  const titleProposal = proposedTitle(values.listing ?? {});
  useEffect(() => {
    if (titleAuto && form.getValues("listing.title") !== titleProposal) form.setValue("listing.title", titleProposal, { shouldDirty: true });
  }, [titleAuto, titleProposal, form]);

  // A VIN fills in what it reliably tells, never over what is already there.
  const vin = values.listing?.vin ?? "";
  const decodedVin = useMemo(() => decodeVin(vin), [vin]);
  const [vinFilled, setVinFilled] = useState<string[]>([]);
  const onVinTyped = (text: string) => {
    const d = decodeVin(text);
    const filled: string[] = [];
    if (d?.make && !form.getValues("listing.make")) { typeMake(d.make); filled.push(tf("make")); }
    if (d?.modelYear && form.getValues("listing.year") == null) { setListing("year", d.modelYear); filled.push(tf("year")); }
    setVinFilled(filled);
  };

  // The same rules the server runs before a sync, on what is typed right now.
  const preflightInput = useMemo(() => bestEffortListing(values.listing ?? {}), [values.listing]);
  // The checks that need no stock data, live; the server adds the stock median on save.
  const liveWarnings = useMemo(() => (preflightInput ? plausibilityWarnings(preflightInput) : []), [preflightInput]);
  const shownWarnings = toConfirm.length > 0 ? toConfirm : liveWarnings;
  // The sticky bar's summary: problems that stop a sync, over the marketplaces the car goes to.
  const checks = useMemo(() => {
    const enabled = connections.filter((c) => values.channels?.[c.connectionId]?.enabled !== false);
    if (!preflightInput) return { markets: enabled.length, toFix: 0 };
    const overrides = Object.fromEntries(Object.entries(values.channels ?? {}).map(([cid, c]) => [cid, { title: c?.title ?? null, description: c?.description ?? null, price: c?.price ?? null }]));
    const toFix = preflight(preflightInput, enabled, overrides).reduce((n, r) => n + r.problems.filter((p) => p.severity === "error").length, 0);
    return { markets: enabled.length, toFix };
  }, [connections, preflightInput, values.channels]);

  const options = <T extends string>(group: "fuel" | "transmission" | "body" | "drive" | "interior" | "paint" | "co2" | "condition" | "vat" | "blocketCategory", values: readonly T[]) =>
    values.map((value) => ({ value, label: (te as unknown as (k: string) => string)(`${group}.${value}`) }));
  const yesNo = [{ value: "true", label: tCommon("yes") }, { value: "false", label: tCommon("no") }];

  // A new car straight onto the marketplaces: for sale, saved, and the sync after a save sends it.
  const createAndPublish = () => {
    form.setValue("listing.status", "active", { shouldDirty: true });
    void handleSubmitWithAction();
  };

  const confirmAndSave = () => {
    form.setValue("confirm", toConfirm.map((w) => w.fingerprint));
    void handleSubmitWithAction();
  };

  const priceCurrency = values.listing?.currency === "SEK" ? "SEK" : "EUR";
  /** One field's control, by name (the groups decide where it goes). */
  const controls: Record<EditorField, () => ReactNode> = {
    title: () => <TextField label={tf("title")} required={required.has("title")} {...f("title", { onChange: (e: { target: { value: string } }) => setTitleAuto(e.target.value.trim() === "") })} error={err("title")} hint={titleAuto && titleProposal ? tq("titleProposed") : undefined} />,
    price: () => <NumberField control={control} name="listing.price" kind="money" currency={priceCurrency} label={tf("price")} required={required.has("price")} error={err("price")} />,
    currency: () => <SelectField label={tf("currency")} options={[{ value: "EUR", label: "EUR (€)" }, { value: "SEK", label: "SEK (kr)" }]} {...f("currency")} error={err("currency")} />,
    condition: () => <SelectField label={tf("condition")} required={required.has("condition")} placeholder="—" options={options("condition", CONDITIONS)} {...f("condition", text)} error={err("condition")} />,
    description: () => (
      <div className="sm:col-span-2 lg:col-span-3">
        <Field label={tf("description")} id="listing-description" error={err("description")} required={required.has("description")}>
          <textarea id="listing-description" rows={5} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" {...f("description", text)} />
        </Field>
      </div>
    ),
    vin: () => (
      <div>
        <TextField label={tf("vin")} required={required.has("vin")} autoCapitalize="characters" autoComplete="off" spellCheck={false} {...f("vin", { ...text, onChange: (e: { target: { value: string } }) => onVinTyped(e.target.value) })} error={err("vin")} />
        <p aria-live="polite" className="mt-1 text-xs text-slate-600" data-testid="vin-decoded">
          {decodedVin && [
            decodedVin.make ?? tq("vinUnknownMaker"),
            decodedVin.modelYear ? tq("vinModelYear", { year: decodedVin.modelYear }) : null,
            vinFilled.length ? tq("vinFilled", { fields: vinFilled.join(", ") }) : null,
          ].filter(Boolean).join(" · ")}
        </p>
      </div>
    ),
    registrationNumber: () => <TextField label={tf("registrationNumber")} required={required.has("registrationNumber")} placeholder="ABC123" autoCapitalize="characters" autoComplete="off" {...f("registrationNumber", text)} error={err("registrationNumber")} hint={country === "SE" ? tq("plateHint") : undefined} />,
    make: () => <VehicleCombobox label={tf("make")} name="listing.make" required={required.has("make")} value={values.listing?.make ?? ""} options={lists.brands} loading={lists.loadingBrands} loadingText={tq("loadingList")}
      onType={typeMake} onChoose={(o) => { setListing("make", o.name); if (lists.idFields) setListing(lists.idFields.brand as keyof Listing, o.id); }} error={err("make")} hint={tq("listHint")} />,
    model: () => <VehicleCombobox label={tf("model")} name="listing.model" required={required.has("model")} value={values.listing?.model ?? ""} options={lists.models} loading={lists.loadingModels} loadingText={tq("loadingList")}
      onType={typeModel} onChoose={(o) => { setListing("model", o.name); if (lists.idFields) setListing(lists.idFields.model as keyof Listing, o.id); }} error={err("model")} />,
    variant: () => <TextField label={tf("variant")} required={required.has("variant")} {...f("variant", text)} error={err("variant")} />,
    engine: () => <TextField label={tf("engine")} required={required.has("engine")} placeholder="2.0 TSI" {...f("engine", text)} error={err("engine")} />,
    year: () => <NumberField control={control} name="listing.year" kind="number" plain label={tf("year")} required={required.has("year")} error={err("year")} />,
    firstRegistration: () => <TextField label={tf("firstRegistration")} required={required.has("firstRegistration")} placeholder={t("monthPlaceholder")} {...f("firstRegistration", text)} error={err("firstRegistration")} />,
    mileage: () => <NumberField control={control} name="listing.mileage" kind="mileage" label={tf("mileage")} required={required.has("mileage")} error={err("mileage")} />,
    fuelType: () => <SelectField label={tf("fuelType")} required={required.has("fuelType")} placeholder="—" options={options("fuel", FUEL_TYPES)} {...f("fuelType", text)} error={err("fuelType")} />,
    transmission: () => <SelectField label={tf("transmission")} required={required.has("transmission")} placeholder="—" options={options("transmission", TRANSMISSIONS)} {...f("transmission", text)} error={err("transmission")} />,
    bodyType: () => <SelectField label={tf("bodyType")} required={required.has("bodyType")} placeholder="—" options={options("body", BODY_TYPES)} {...f("bodyType", text)} error={err("bodyType")} />,
    driveType: () => <SelectField label={tf("driveType")} placeholder="—" options={options("drive", DRIVE_TYPES)} {...f("driveType", text)} error={err("driveType")} />,
    powerKw: () => <NumberField control={control} name="listing.powerKw" kind="number" decimals={1} label={tf("powerKw")} error={err("powerKw")} />,
    gears: () => <NumberField control={control} name="listing.gears" kind="number" label={tf("gears")} error={err("gears")} />,
    doors: () => <NumberField control={control} name="listing.doors" kind="number" label={tf("doors")} error={err("doors")} />,
    seats: () => <NumberField control={control} name="listing.seats" kind="number" label={tf("seats")} error={err("seats")} />,
    color: () => <TextField label={tf("color")} {...f("color", text)} error={err("color")} />,
    paintType: () => <SelectField label={tf("paintType")} placeholder="—" options={options("paint", PAINT_TYPES)} {...f("paintType", text)} error={err("paintType")} />,
    interiorColor: () => <TextField label={tf("interiorColor")} {...f("interiorColor", text)} error={err("interiorColor")} />,
    interiorMaterial: () => <SelectField label={tf("interiorMaterial")} placeholder="—" options={options("interior", INTERIOR_MATERIALS)} {...f("interiorMaterial", text)} error={err("interiorMaterial")} />,
    weight: () => <NumberField control={control} name="listing.weight" kind="number" label={tf("weight")} error={err("weight")} />,
    previousOwners: () => <NumberField control={control} name="listing.previousOwners" kind="number" label={tf("previousOwners")} error={err("previousOwners")} />,
    co2Emission: () => <NumberField control={control} name="listing.co2Emission" kind="number" label={tf("co2Emission")} error={err("co2Emission")} />,
    co2Type: () => <SelectField label={tf("co2Type")} placeholder="—" options={options("co2", CO2_TYPES)} {...f("co2Type", text)} error={err("co2Type")} />,
    emissionClass: () => <TextField label={tf("emissionClass")} placeholder="Euro 6d" {...f("emissionClass", text)} error={err("emissionClass")} />,
    fuelConsumption: () => <NumberField control={control} name="listing.fuelConsumption" kind="number" decimals={1} label={tf("fuelConsumption")} error={err("fuelConsumption")} />,
    vatRegime: () => <SelectField label={tf("vatRegime")} placeholder="—" options={options("vat", VAT_REGIMES)} {...f("vatRegime", text)} error={err("vatRegime")} />,
    serviceHistory: () => <SelectField label={tf("serviceHistory")} placeholder="—" options={yesNo} {...f("serviceHistory", bool)} error={err("serviceHistory")} />,
    warranty: () => <SelectField label={tf("warranty")} placeholder="—" options={yesNo} {...f("warranty", bool)} error={err("warranty")} />,
    warrantyMonths: () => <NumberField control={control} name="listing.warrantyMonths" kind="number" label={tf("warrantyMonths")} error={err("warrantyMonths")} />,
    carPassUrl: () => <TextField label={tf("carPassUrl")} {...f("carPassUrl", text)} error={err("carPassUrl")} />,
    postalCode: () => <TextField label={tf("postalCode")} required={required.has("postalCode")} {...f("postalCode", text)} error={err("postalCode")} />,
    city: () => <TextField label={tf("city")} required={required.has("city")} {...f("city", text)} error={err("city")} />,
    province: () => <TextField label={tf("province")} required={required.has("province")} placeholder="Oost-Vlaanderen" {...f("province", text)} error={err("province")} />,
    blocketCategory: () => <SelectField label={tf("blocketCategory")} options={options("blocketCategory", Object.keys(BLOCKET_CATEGORIES))} {...f("blocketCategory")} error={err("blocketCategory")} />,
    registrationNumberHidden: () => <SelectField label={tf("registrationNumberHidden")} placeholder="—" options={yesNo} {...f("registrationNumberHidden", bool)} error={err("registrationNumberHidden")} />,
    contactName: () => <TextField label={tf("contactName")} {...f("contactName", text)} error={err("contactName")} />,
    contactPhone: () => <TextField label={tf("contactPhone")} {...f("contactPhone", text)} error={err("contactPhone")} />,
    contactEmail: () => <TextField label={tf("contactEmail")} type="email" {...f("contactEmail", text)} error={err("contactEmail")} />,
    features: () => null, // its own card below
  };

  const serverError = action.result.serverError ?? action.result.validationErrors?._errors?.[0];
  const saved = action.hasSucceeded && id && action.result.data?.needsConfirmation.length === 0;
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-6">
        <fieldset disabled={readOnly} className="space-y-6">
          <Section title={t("basics")}>
            <TextField label={tf("reference")} {...f("reference", text)} error={err("reference")} readOnly={referenceLocked}
              hint={referenceLocked ? t("referenceLocked") : proposedReference && values.listing?.reference === proposedReference ? tq("referenceAuto") : t("referenceHint")} />
            <SelectField label={tf("status")} options={LISTING_STATUSES.map((s) => ({ value: s, label: s === "draft" ? t("statusDraft") : tStatus(s) }))} {...f("status")} error={err("status")} />
          </Section>

          <Section title={tq("essentials")} description={connections.length > 0 ? tq("essentialsHint", { marketplaces: [...new Set(connections.map((c) => descriptorOf(c.marketplace).label))].join(", ") }) : tq("essentialsNoMarketplace")}>
            {[...groups.required, ...groups.recommended].map((field) => <Fragment key={field}>{controls[field]()}</Fragment>)}
          </Section>

          {folded.length > 0 && (
            <details open={moreOpen || foldedErrors} onToggle={(e) => setMoreOpen(e.currentTarget.open)} className="group rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="editor-more">
              <summary className="flex cursor-pointer list-none items-center justify-between gap-2 rounded-lg p-5 text-base font-semibold text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
                <span>{tq("moreFields", { count: folded.length })}</span>
                <span aria-hidden="true" className="text-slate-500 transition-transform group-open:rotate-180">▾</span>
              </summary>
              <div className="grid gap-4 px-5 pb-5 sm:grid-cols-2 lg:grid-cols-3">
                {folded.map((field) => <Fragment key={field}>{controls[field]()}</Fragment>)}
              </div>
            </details>
          )}

          <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <legend className="px-1 text-base font-semibold text-slate-900">{t("photos")}</legend>
            <PhotoManager dealer={dealer} images={images.field.value ?? []} onChange={(update) => images.field.onChange(update(form.getValues("listing.images") ?? []))} maxUploadBytes={maxUploadBytes} disabled={readOnly} />
            {(errors.images as { message?: string } | undefined)?.message && <p role="alert" className="mt-2 text-sm text-red-700">{message((errors.images as { message?: string }).message)}</p>}
          </fieldset>

          {!groups.hidden.includes("features") && <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <legend className="px-1 text-base font-semibold text-slate-900">{t("features")}</legend>
            <ul className="space-y-2">
              {features.fields.map((field, index) => (
                <li key={field.id} className="grid grid-cols-[1fr_2fr_auto] items-end gap-2">
                  <TextField label={t("featureCategory", { n: index + 1 })} placeholder={t("featureCategoryExample")} {...reg(`listing.features.${index}.category`, text)} />
                  <TextField label={t("feature", { n: index + 1 })} placeholder={t("featureExample")} {...reg(`listing.features.${index}.name`)} error={(errors.features as unknown as { name?: { message?: string } }[] | undefined)?.[index]?.name?.message} />
                  <Button variant="ghost" aria-label={t("featureRemove", { n: index + 1 })} onClick={() => features.remove(index)}>{tCommon("remove")}</Button>
                </li>
              ))}
            </ul>
            <Button variant="secondary" className="mt-3" onClick={() => features.append({ category: null, name: "" })}>{t("addFeature")}</Button>
          </fieldset>}

          {connections.length > 0 && (
            <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <legend className="px-1 text-base font-semibold text-slate-900">{t("marketplaces")}</legend>
              <p className="mb-3 text-sm text-slate-500">{t("marketplacesHint")}</p>
              <div className="space-y-4">
                {connections.map((c) => {
                  const currency = c.currency;
                  return (
                    <div key={c.connectionId} className="rounded-md border border-slate-200 p-3">
                      <label className="flex items-center gap-2 text-sm font-medium">
                        <input type="checkbox" className="h-4 w-4" {...reg(`channels.${c.connectionId}.enabled`)} /> {t("publishOn", { name: c.name })}
                      </label>
                      <div className="mt-3 grid gap-3 sm:grid-cols-3">
                        <TextField label={t("titleOn", { name: c.name })} placeholder={t("sameAsAbove")} {...reg(`channels.${c.connectionId}.title`, text)} />
                        <NumberField control={control} name={`channels.${c.connectionId}.price`} kind="money" currency={currency} label={t("priceOn", { name: c.name, currency })} placeholder={t("sameAsAbove")} />
                        <TextField label={t("descriptionOn", { name: c.name })} placeholder={t("sameAsAbove")} {...reg(`channels.${c.connectionId}.description`, text)} />
                      </div>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          )}
        </fieldset>
      </div>

      <aside id="editor-checks" className="scroll-mt-4 space-y-4 lg:sticky lg:top-4 lg:self-start">
        {!readOnly && (
          // On a phone Save lives in the sticky bar below; this card is for wide screens.
          <div className="hidden rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:block">
            <FormMessage error={serverError} success={saved ? t("saved") : null} />
            {Object.keys(form.formState.errors).length > 0 && <p role="alert" className="mb-2 text-sm text-red-700">{t("fixFields")}</p>}
            <Button type="submit" className="mt-2 w-full" variant={id ? "primary" : "secondary"} disabled={action.isPending}>{action.isPending ? tCommon("saving") : id ? t("saveChanges") : t("create")}</Button>
            {!id && <Button className="mt-2 w-full" disabled={action.isPending} onClick={createAndPublish} data-testid="create-and-publish">{tq("createAndPublish")}</Button>}
          </div>
        )}
        <PlausibilityPanel warnings={shownWarnings} mustConfirm={toConfirm.length > 0} busy={action.isPending} onConfirm={confirmAndSave} />
        <PreflightPanel listing={preflightInput} connections={connections} channels={values.channels ?? {}} />
      </aside>

      {!readOnly && (
        // A phone's editor is a long page: Save and the pre-flight summary stay at hand at the bottom.
        <div className="sticky bottom-0 z-20 -mx-4 flex min-w-0 items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-2 shadow-[0_-2px_6px_rgba(0,0,0,0.06)] backdrop-blur lg:hidden" data-testid="editor-sticky-bar">
          <a href="#editor-checks" className={`min-w-0 flex-1 truncate text-sm font-medium underline ${checks.toFix > 0 || toConfirm.length > 0 || Object.keys(form.formState.errors).length > 0 ? "text-red-700" : "text-emerald-700"}`}>
            {toConfirm.length > 0 ? t("checksConfirm") : Object.keys(form.formState.errors).length > 0 ? t("fixFieldsShort") : checks.toFix > 0 ? t("checksToFix", { count: checks.toFix }) : checks.markets > 0 ? t("checksReady") : t("checksOpen")}
          </a>
          <Button type="submit" variant={id ? "primary" : "secondary"} disabled={action.isPending}>{action.isPending ? tCommon("saving") : id ? t("saveChanges") : t("create")}</Button>
          {!id && <Button disabled={action.isPending} onClick={createAndPublish}>{tq("publishShort")}</Button>}
        </div>
      )}
    </form>
  );
}
