"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useHookFormAction } from "@next-safe-action/adapter-react-hook-form/hooks";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { UseFormReturn } from "react-hook-form";
import { createDealerAction, updateDealerAction } from "@/app/admin/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { dealerSchema, updateDealerSchema } from "@/lib/admin/schemas";
import { DEFAULT_LANGUAGE_BY_COUNTRY, LANGUAGE_NAMES, LANGUAGES } from "@/lib/i18n/locales";

type Country = "BE" | "SE";
interface DealerValues { id?: string; name: string; slug: string; country: Country; parentId: string | null; language: string | null }

export function DealerForm({ dealer, parents }: { dealer?: DealerValues; parents: { id: string; name: string }[] }) {
  return dealer?.id ? <EditDealerForm dealer={dealer as Required<DealerValues>} parents={parents} /> : <CreateDealerForm parents={parents} />;
}

/** The fields both forms share. Choosing a country suggests its language until the admin picks one themselves. */
function DealerFields({ form, parents, hints }: { form: UseFormReturn<{ name: string; slug: string; country: Country; parentId?: string | null; language?: string | null }>; parents: { id: string; name: string }[]; hints: boolean }) {
  const t = useTranslations("admin.dealerForm");
  const tc = useTranslations("countries");
  const e = form.formState.errors;
  const country = form.register("country");
  return (
    <>
      <TextField label={t("name")} {...form.register("name")} error={e.name?.message} />
      <TextField label={t("slug")} hint={hints ? t("slugHint") : undefined} {...form.register("slug")} error={e.slug?.message} />
      <SelectField label={t("country")} options={[{ value: "BE", label: `${tc("BE")} (Okasie)` }, { value: "SE", label: `${tc("SE")} (Blocket/Bytbil)` }]} {...country}
        onChange={(ev) => {
          void country.onChange(ev);
          if (!form.getFieldState("language").isDirty) form.setValue("language", DEFAULT_LANGUAGE_BY_COUNTRY[ev.target.value as Country]);
        }} error={e.country?.message} />
      <SelectField label={t("language")} hint={t("languageHint")} placeholder={t("noLanguage")} options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
        {...form.register("language", { setValueAs: (v) => v || null })} error={e.language?.message} />
      <SelectField label={t("parent")} placeholder={t("noParent")} options={parents.map((p) => ({ value: p.id, label: p.name }))} {...form.register("parentId")} error={e.parentId?.message} />
    </>
  );
}

function CreateDealerForm({ parents }: { parents: { id: string; name: string }[] }) {
  const t = useTranslations("admin.dealerForm");
  const router = useRouter();
  const { form, action, handleSubmitWithAction } = useHookFormAction(createDealerAction, zodResolver(dealerSchema), {
    formProps: { defaultValues: { name: "", slug: "", country: "BE", parentId: "", language: DEFAULT_LANGUAGE_BY_COUNTRY.BE } },
    actionProps: { onSuccess: ({ data }) => data && router.push(`/admin/dealers/${data.id}`) },
  });
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2"><FormMessage error={action.result.serverError ?? action.result.validationErrors?._errors?.[0]} /></div>
      <DealerFields form={form as never} parents={parents} hints />
      <div className="sm:col-span-2"><Button type="submit" disabled={action.isPending}>{action.isPending ? t("creating") : t("create")}</Button></div>
    </form>
  );
}

function EditDealerForm({ dealer, parents }: { dealer: Required<DealerValues>; parents: { id: string; name: string }[] }) {
  const t = useTranslations("admin.dealerForm");
  const tCommon = useTranslations("common");
  const router = useRouter();
  const { form, action, handleSubmitWithAction } = useHookFormAction(updateDealerAction, zodResolver(updateDealerSchema), {
    formProps: { defaultValues: { ...dealer, parentId: dealer.parentId ?? "", language: (dealer.language ?? "") as never } },
    actionProps: { onSuccess: () => router.refresh() },
  });
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormMessage error={action.result.serverError ?? action.result.validationErrors?._errors?.[0]} success={action.hasSucceeded ? tCommon("saved") : null} />
      </div>
      <DealerFields form={form as never} parents={parents.filter((p) => p.id !== dealer.id)} hints={false} />
      <div className="sm:col-span-2"><Button type="submit" disabled={action.isPending}>{action.isPending ? tCommon("saving") : t("saveChanges")}</Button></div>
    </form>
  );
}
