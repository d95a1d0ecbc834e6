"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useHookFormAction } from "@next-safe-action/adapter-react-hook-form/hooks";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { createUserAction, removeMembershipAction, resetPasswordAction, setMembershipAction, setUserLanguageAction } from "@/app/admin/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { useMessage } from "@/components/ui/use-message";
import { createUserSchema, membershipSchema, resetPasswordSchema } from "@/lib/admin/schemas";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "@/lib/i18n/locales";

const ROLES = ["ADMIN", "STAFF", "VIEWER"] as const;

function useRoleOptions() {
  const t = useTranslations("admin.roleHelp");
  const roles = useTranslations("roles");
  return ROLES.map((value) => ({ value, label: `${roles(value)} — ${t(value)}` }));
}

/** "" means: none chosen, the user's browser (and, on joining a dealer, the dealer's language) decides. */
function useLanguageOptions() {
  const t = useTranslations("admin.users");
  return [{ value: "", label: t("languageBrowser") }, ...LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))];
}

export function CreateUserForm() {
  const t = useTranslations("admin.users");
  const languages = useLanguageOptions();
  const router = useRouter();
  const { form, action, handleSubmitWithAction } = useHookFormAction(createUserAction, zodResolver(createUserSchema), {
    formProps: { defaultValues: { email: "", name: "", password: "", isPlatformAdmin: false, language: "" as never } },
    actionProps: { onSuccess: ({ data }) => data && router.push(`/admin/users/${data.id}`) },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2"><FormMessage error={action.result.serverError ?? action.result.validationErrors?._errors?.[0]} /></div>
      <TextField label={t("name")} autoComplete="off" {...form.register("name")} error={e.name?.message} />
      <TextField label={t("email")} type="email" autoComplete="off" {...form.register("email")} error={e.email?.message} />
      <TextField label={t("password")} type="password" autoComplete="new-password" hint={t("passwordHint")} {...form.register("password")} error={e.password?.message} />
      <SelectField label={t("language")} hint={t("languageHint")} options={languages} {...form.register("language")} error={e.language?.message} />
      <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
        <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...form.register("isPlatformAdmin")} /> {t("platformAdmin")}
      </label>
      <div className="sm:col-span-2"><Button type="submit" disabled={action.isPending}>{action.isPending ? t("creating") : t("submit")}</Button></div>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const t = useTranslations("admin.users");
  const tCommon = useTranslations("common");
  const { form, action, handleSubmitWithAction } = useHookFormAction(resetPasswordAction, zodResolver(resetPasswordSchema), {
    formProps: { defaultValues: { userId, password: "" } },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="flex flex-wrap items-start gap-3">
      <div className="min-w-64 flex-1">
        <TextField label={t("newPassword")} type="password" autoComplete="new-password" {...form.register("password")} error={e.password?.message} />
      </div>
      <Button type="submit" className="mt-6" disabled={action.isPending}>{action.isPending ? tCommon("saving") : t("resetPassword")}</Button>
      <div className="basis-full">
        <FormMessage error={action.result.serverError} success={action.hasSucceeded ? t("passwordReset") : null} />
      </div>
    </form>
  );
}

/** Adds a membership, or changes its role (the same action: one role per user and dealer). */
export function MembershipForm({ fixed, dealers, users }: { fixed: { dealerId?: string; userId?: string }; dealers?: { id: string; name: string }[]; users?: { id: string; label: string }[] }) {
  const t = useTranslations("admin.members");
  const tCommon = useTranslations("common");
  const roleOptions = useRoleOptions();
  const router = useRouter();
  const { form, action, handleSubmitWithAction } = useHookFormAction(setMembershipAction, zodResolver(membershipSchema), {
    formProps: { defaultValues: { dealerId: fixed.dealerId ?? "", userId: fixed.userId ?? "", role: "STAFF" } },
    actionProps: { onSuccess: () => router.refresh() },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid items-start gap-3 sm:grid-cols-3">
      {dealers && <SelectField label={t("dealer")} placeholder={t("chooseDealer")} options={dealers.map((d) => ({ value: d.id, label: d.name }))} {...form.register("dealerId")} error={e.dealerId?.message} />}
      {users && <SelectField label={t("user")} placeholder={t("chooseUser")} options={users.map((u) => ({ value: u.id, label: u.label }))} {...form.register("userId")} error={e.userId?.message} />}
      <SelectField label={t("role")} options={roleOptions} {...form.register("role")} error={e.role?.message} />
      <div className="sm:col-span-3 flex items-center gap-3">
        <Button type="submit" disabled={action.isPending}>{action.isPending ? tCommon("saving") : t("submit")}</Button>
        <FormMessage error={action.result.serverError ?? action.result.validationErrors?._errors?.[0]} />
      </div>
    </form>
  );
}

export function RoleSelect({ dealerId, userId, role, label }: { dealerId: string; userId: string; role: string; label: string }) {
  const roles = useTranslations("roles");
  const text = useMessage();
  const router = useRouter();
  const { execute, isPending, result } = useAction(setMembershipAction, { onSuccess: () => router.refresh() });
  return (
    <span className="inline-flex items-center gap-2">
      <label className="sr-only" htmlFor={`role-${dealerId}-${userId}`}>{label}</label>
      <select id={`role-${dealerId}-${userId}`} defaultValue={role} disabled={isPending} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        onChange={(ev) => execute({ dealerId, userId, role: ev.target.value as "ADMIN" | "STAFF" | "VIEWER" })}>
        {ROLES.map((r) => <option key={r} value={r}>{roles(r)}</option>)}
      </select>
      {result.serverError && <span role="alert" className="text-xs text-red-700">{text(result.serverError)}</span>}
    </span>
  );
}

export function RemoveMembershipButton({ dealerId, userId, label }: { dealerId: string; userId: string; label: string }) {
  const t = useTranslations("admin.members");
  const text = useMessage();
  const router = useRouter();
  const { execute, isPending, result } = useAction(removeMembershipAction, { onSuccess: () => router.refresh() });
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="ghost" aria-label={label} disabled={isPending}
        onClick={() => { if (window.confirm(`${label}?`)) execute({ dealerId, userId }); }}>
        {isPending ? t("removing") : t("remove")}
      </Button>
      {result.serverError && <span role="alert" className="text-xs text-red-700">{text(result.serverError)}</span>}
    </span>
  );
}

/** A platform admin chooses the language a user reads Forecourt in (the user can change it in their profile). */
export function UserLanguageForm({ userId, language }: { userId: string; language: Language | null }) {
  const t = useTranslations("admin.users");
  const tCommon = useTranslations("common");
  const languages = useLanguageOptions();
  const router = useRouter();
  const [value, setValue] = useState<string>(language ?? "");
  const { execute, result, isPending, hasSucceeded } = useAction(setUserLanguageAction, { onSuccess: () => router.refresh() });
  return (
    <form className="flex flex-wrap items-start gap-3" onSubmit={(e) => { e.preventDefault(); execute({ userId, language: value as Language | null }); }}>
      <div className="min-w-64 flex-1">
        <SelectField label={t("language")} hint={t("languageHint")} name="language" value={value} onChange={(e) => setValue(e.target.value)} options={languages} />
      </div>
      <Button type="submit" className="mt-6" disabled={isPending}>{isPending ? tCommon("saving") : tCommon("save")}</Button>
      <div className="basis-full"><FormMessage error={result.serverError} success={hasSucceeded && !isPending ? tCommon("saved") : null} /></div>
    </form>
  );
}
