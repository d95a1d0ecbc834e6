"use client";
import { useMemo, useState, type ReactNode } from "react";
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
import { saveListingSchema } from "@/lib/listings/commands-schema";
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

type FormValues = { dealer: string; id?: string; listing: Listing; channels: Record<string, ChannelValues>; confirm: string[] };

export function ListingEditor({ dealer, id, listing, channels, connections, referenceLocked, readOnly, maxUploadBytes }: {
  dealer: string; id?: string; listing: Partial<Listing>; channels: Record<string, ChannelValues>; connections: EditorConnection[]; referenceLocked: boolean; readOnly: boolean;
  /** The largest photo the server takes (checked before sending, so a phone does not upload in vain). */
  maxUploadBytes: number;
}) {
  const router = useRouter();
  const t = useTranslations("editor");
  const tf = useTranslations("fields");
  const te = useTranslations("enums");
  const tStatus = useTranslations("listingStatus");
  const tCommon = useTranslations("common");
  const message = useMessage();
  // Warnings the server asked the dealer to confirm before this car goes on sale.
  const [toConfirm, setToConfirm] = useState<PlausibilityWarning[]>([]);
  const { form, action, handleSubmitWithAction } = useHookFormAction(saveListingAction, zodResolver(saveListingSchema), {
    formProps: { defaultValues: { dealer, id, listing: listing as Listing, channels, confirm: [] } as FormValues, mode: "onTouched" },
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

  const confirmAndSave = () => {
    form.setValue("confirm", toConfirm.map((w) => w.fingerprint));
    void handleSubmitWithAction();
  };

  const serverError = action.result.serverError ?? action.result.validationErrors?._errors?.[0];
  const saved = action.hasSucceeded && id && action.result.data?.needsConfirmation.length === 0;
  const priceCurrency = values.listing?.currency === "SEK" ? "SEK" : "EUR";
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-6">
        <fieldset disabled={readOnly} className="space-y-6">
          <Section title={t("basics")}>
            <TextField label={tf("reference")} {...f("reference", text)} error={err("reference")} readOnly={referenceLocked}
              hint={referenceLocked ? t("referenceLocked") : t("referenceHint")} />
            <SelectField label={tf("status")} options={LISTING_STATUSES.map((s) => ({ value: s, label: s === "draft" ? t("statusDraft") : tStatus(s) }))} {...f("status")} error={err("status")} />
            <TextField label={tf("title")} {...f("title")} error={err("title")} />
            <NumberField control={control} name="listing.price" kind="money" currency={priceCurrency} label={tf("price")} error={err("price")} />
            <SelectField label={tf("currency")} options={[{ value: "EUR", label: "EUR (€)" }, { value: "SEK", label: "SEK (kr)" }]} {...f("currency")} error={err("currency")} />
            <SelectField label={tf("condition")} placeholder="—" options={options("condition", CONDITIONS)} {...f("condition", text)} error={err("condition")} />
            <div className="sm:col-span-2 lg:col-span-3">
              <Field label={tf("description")} id="listing-description" error={err("description")}>
                <textarea id="listing-description" rows={5} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" {...f("description", text)} />
              </Field>
            </div>
          </Section>

          <Section title={t("vehicle")}>
            <TextField label={tf("make")} {...f("make", text)} error={err("make")} />
            <TextField label={tf("model")} {...f("model", text)} error={err("model")} />
            <TextField label={tf("variant")} {...f("variant", text)} error={err("variant")} />
            <NumberField control={control} name="listing.year" kind="number" label={tf("year")} error={err("year")} />
            <TextField label={tf("firstRegistration")} placeholder={t("monthPlaceholder")} {...f("firstRegistration", text)} error={err("firstRegistration")} />
            <NumberField control={control} name="listing.mileage" kind="mileage" label={tf("mileage")} error={err("mileage")} />
            <SelectField label={tf("fuelType")} placeholder="—" options={options("fuel", FUEL_TYPES)} {...f("fuelType", text)} error={err("fuelType")} />
            <SelectField label={tf("transmission")} placeholder="—" options={options("transmission", TRANSMISSIONS)} {...f("transmission", text)} error={err("transmission")} />
            <SelectField label={tf("bodyType")} placeholder="—" options={options("body", BODY_TYPES)} {...f("bodyType", text)} error={err("bodyType")} />
            <SelectField label={tf("driveType")} placeholder="—" options={options("drive", DRIVE_TYPES)} {...f("driveType", text)} error={err("driveType")} />
            <TextField label={tf("engine")} placeholder="2.0 TSI" {...f("engine", text)} error={err("engine")} />
            <NumberField control={control} name="listing.powerKw" kind="number" decimals={1} label={tf("powerKw")} error={err("powerKw")} />
            <NumberField control={control} name="listing.gears" kind="number" label={tf("gears")} error={err("gears")} />
            <NumberField control={control} name="listing.doors" kind="number" label={tf("doors")} error={err("doors")} />
            <NumberField control={control} name="listing.seats" kind="number" label={tf("seats")} error={err("seats")} />
            <TextField label={tf("color")} {...f("color", text)} error={err("color")} />
            <SelectField label={tf("paintType")} placeholder="—" options={options("paint", PAINT_TYPES)} {...f("paintType", text)} error={err("paintType")} />
            <TextField label={tf("interiorColor")} {...f("interiorColor", text)} error={err("interiorColor")} />
            <SelectField label={tf("interiorMaterial")} placeholder="—" options={options("interior", INTERIOR_MATERIALS)} {...f("interiorMaterial", text)} error={err("interiorMaterial")} />
            <NumberField control={control} name="listing.weight" kind="number" label={tf("weight")} error={err("weight")} />
            <NumberField control={control} name="listing.previousOwners" kind="number" label={tf("previousOwners")} error={err("previousOwners")} />
            <NumberField control={control} name="listing.co2Emission" kind="number" label={tf("co2Emission")} error={err("co2Emission")} />
            <SelectField label={tf("co2Type")} placeholder="—" options={options("co2", CO2_TYPES)} {...f("co2Type", text)} error={err("co2Type")} />
            <TextField label={tf("emissionClass")} placeholder="Euro 6d" {...f("emissionClass", text)} error={err("emissionClass")} />
            <NumberField control={control} name="listing.fuelConsumption" kind="number" decimals={1} label={tf("fuelConsumption")} error={err("fuelConsumption")} />
            <SelectField label={tf("vatRegime")} placeholder="—" options={options("vat", VAT_REGIMES)} {...f("vatRegime", text)} error={err("vatRegime")} />
            <SelectField label={tf("serviceHistory")} placeholder="—" options={yesNo} {...f("serviceHistory", bool)} error={err("serviceHistory")} />
            <SelectField label={tf("warranty")} placeholder="—" options={yesNo} {...f("warranty", bool)} error={err("warranty")} />
            <NumberField control={control} name="listing.warrantyMonths" kind="number" label={tf("warrantyMonths")} error={err("warrantyMonths")} />
            <TextField label={tf("vin")} {...f("vin", text)} error={err("vin")} />
            <TextField label={tf("carPassUrl")} {...f("carPassUrl", text)} error={err("carPassUrl")} />
          </Section>

          <Section title={t("location")} description={t("locationHint")}>
            <TextField label={tf("postalCode")} {...f("postalCode", text)} error={err("postalCode")} />
            <TextField label={tf("city")} {...f("city", text)} error={err("city")} />
            <TextField label={tf("province")} placeholder="Oost-Vlaanderen" {...f("province", text)} error={err("province")} />
          </Section>

          <Section title={t("blocket")} description={t("blocketHint")}>
            <SelectField label={tf("blocketCategory")} options={options("blocketCategory", Object.keys(BLOCKET_CATEGORIES))} {...f("blocketCategory")} error={err("blocketCategory")} />
            <TextField label={tf("registrationNumber")} placeholder="ABC123" {...f("registrationNumber", text)} error={err("registrationNumber")} />
            <SelectField label={tf("registrationNumberHidden")} placeholder="—" options={yesNo} {...f("registrationNumberHidden", bool)} error={err("registrationNumberHidden")} />
            <TextField label={tf("contactName")} {...f("contactName", text)} error={err("contactName")} />
            <TextField label={tf("contactPhone")} {...f("contactPhone", text)} error={err("contactPhone")} />
            <TextField label={tf("contactEmail")} type="email" {...f("contactEmail", text)} error={err("contactEmail")} />
          </Section>

          <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <legend className="px-1 text-base font-semibold text-slate-900">{t("photos")}</legend>
            <PhotoManager dealer={dealer} images={images.field.value ?? []} onChange={(update) => images.field.onChange(update(form.getValues("listing.images") ?? []))} maxUploadBytes={maxUploadBytes} disabled={readOnly} />
            {(errors.images as { message?: string } | undefined)?.message && <p role="alert" className="mt-2 text-sm text-red-700">{message((errors.images as { message?: string }).message)}</p>}
          </fieldset>

          <fieldset className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
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
          </fieldset>

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
            <Button type="submit" className="mt-2 w-full" disabled={action.isPending}>{action.isPending ? tCommon("saving") : id ? t("saveChanges") : t("create")}</Button>
          </div>
        )}
        <PlausibilityPanel warnings={shownWarnings} mustConfirm={toConfirm.length > 0} busy={action.isPending} onConfirm={confirmAndSave} />
        <PreflightPanel listing={preflightInput} connections={connections} channels={values.channels ?? {}} />
      </aside>

      {!readOnly && (
        // A phone's editor is a long page: Save and the pre-flight summary stay at hand at the bottom.
        <div className="sticky bottom-0 z-20 -mx-4 flex items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-2 shadow-[0_-2px_6px_rgba(0,0,0,0.06)] backdrop-blur lg:hidden" data-testid="editor-sticky-bar">
          <a href="#editor-checks" className={`min-w-0 flex-1 truncate text-sm font-medium underline ${checks.toFix > 0 || toConfirm.length > 0 || Object.keys(form.formState.errors).length > 0 ? "text-red-700" : "text-emerald-700"}`}>
            {toConfirm.length > 0 ? t("checksConfirm") : Object.keys(form.formState.errors).length > 0 ? t("fixFieldsShort") : checks.toFix > 0 ? t("checksToFix", { count: checks.toFix }) : checks.markets > 0 ? t("checksReady") : t("checksOpen")}
          </a>
          <Button type="submit" disabled={action.isPending}>{action.isPending ? tCommon("saving") : id ? t("saveChanges") : t("create")}</Button>
        </div>
      )}
    </form>
  );
}
