"use client";
/** A dealer admin's team: members with their role, removal and password reset; inviting someone. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useHookFormAction } from "@next-safe-action/adapter-react-hook-form/hooks";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { changeMemberRoleAction, inviteMemberAction, removeMemberAction, resetMemberPasswordAction } from "@/app/(dashboard)/d/[dealer]/settings/team/actions";
import { Badge, tableClass } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { useMessage } from "@/components/ui/use-message";
import { inviteMemberSchema, resetMemberPasswordSchema } from "@/lib/team/schemas";
import type { TeamMember } from "@/lib/team/service";

type Role = "ADMIN" | "STAFF" | "VIEWER";

export function TeamTable({ dealer, dealerName, members }: { dealer: string; dealerName: string; members: TeamMember[] }) {
  const t = useTranslations("team");
  const roles = useTranslations("roles");
  return (
    <div className="overflow-x-auto">
      <table className={tableClass.table}>
        <thead>
          <tr>
            <th scope="col" className={tableClass.th}>{t("name")}</th>
            <th scope="col" className={tableClass.th}>{t("email")}</th>
            <th scope="col" className={tableClass.th}>{t("role")}</th>
            <th scope="col" className={tableClass.th}><span className="sr-only">{t("remove")}</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((m) => (
            <tr key={m.id} data-testid={`member-${m.email}`} className="align-top">
              <td className={tableClass.td}>
                <span className="font-medium">{m.name}</span> {m.self && <span className="text-slate-500">({t("you")})</span>}
                {m.manageable && <ResetPassword dealer={dealer} member={m} />}
              </td>
              <td className={`${tableClass.td} break-all`}>{m.email}</td>
              <td className={tableClass.td}>
                {m.manageable ? <RoleSelect dealer={dealer} member={m} /> : (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <Badge tone="blue">{roles(m.role)}</Badge>
                    {!m.self && <span className="text-xs text-slate-500">{t("managedByPlatform")}</span>}
                  </span>
                )}
              </td>
              <td className={`${tableClass.td} text-right`}>{m.manageable && <RemoveMember dealer={dealer} dealerName={dealerName} member={m} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RoleSelect({ dealer, member }: { dealer: string; member: TeamMember }) {
  const t = useTranslations("team");
  const roles = useTranslations("roles");
  const text = useMessage();
  const router = useRouter();
  const { execute, isPending, result } = useAction(changeMemberRoleAction, { onSuccess: () => router.refresh() });
  const id = `role-${member.id}`;
  return (
    <span className="inline-flex flex-col gap-1">
      <label className="sr-only" htmlFor={id}>{t("roleOf", { name: member.name })}</label>
      <select id={id} defaultValue={member.role} disabled={isPending} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        onChange={(e) => execute({ dealer, userId: member.id, role: e.target.value as Exclude<Role, "ADMIN"> })}>
        <option value="STAFF">{roles("STAFF")}</option>
        <option value="VIEWER">{roles("VIEWER")}</option>
      </select>
      {result.serverError && <span role="alert" className="text-xs text-red-700">{text(result.serverError)}</span>}
    </span>
  );
}

function RemoveMember({ dealer, dealerName, member }: { dealer: string; dealerName: string; member: TeamMember }) {
  const t = useTranslations("team");
  const text = useMessage();
  const router = useRouter();
  const { execute, isPending, result } = useAction(removeMemberAction, { onSuccess: () => router.refresh() });
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button size="sm" variant="ghost" aria-label={t("removeLabel", { name: member.name })} disabled={isPending}
        onClick={() => { if (window.confirm(t("confirmRemove", { name: member.name, dealer: dealerName }))) execute({ dealer, userId: member.id }); }}>
        {isPending ? t("removing") : t("remove")}
      </Button>
      {result.serverError && <span role="alert" className="text-xs text-red-700">{text(result.serverError)}</span>}
    </span>
  );
}

function ResetPassword({ dealer, member }: { dealer: string; member: TeamMember }) {
  const t = useTranslations("team");
  const [open, setOpen] = useState(false);
  const { form, action, handleSubmitWithAction } = useHookFormAction(resetMemberPasswordAction, zodResolver(resetMemberPasswordSchema), {
    formProps: { defaultValues: { dealer, userId: member.id, password: "" } },
    actionProps: { onSuccess: (): void => form.reset({ dealer, userId: member.id, password: "" }) },
  });
  if (!member.canResetPassword) return <p className="mt-1 text-xs text-slate-500">{t("resetElsewhere")}</p>;
  return (
    <div className="mt-1">
      <button type="button" className="text-xs text-brand-700 underline" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t("resetPasswordOf", { name: member.name })}
      </button>
      {open && (
        <form onSubmit={handleSubmitWithAction} noValidate className="mt-2 flex flex-wrap items-start gap-2">
          <div className="min-w-48 flex-1">
            <TextField label={t("newPasswordFor", { name: member.name })} type="password" autoComplete="new-password" {...form.register("password")} error={form.formState.errors.password?.message} />
          </div>
          <Button type="submit" size="sm" className="mt-6" disabled={action.isPending}>{t("setPassword")}</Button>
          <div className="basis-full">
            <FormMessage error={action.result.serverError} success={action.hasSucceeded ? t("passwordSet", { name: member.name }) : null} />
          </div>
        </form>
      )}
    </div>
  );
}

export function InviteMemberForm({ dealer }: { dealer: string }) {
  const t = useTranslations("team");
  const router = useRouter();
  const [invited, setInvited] = useState<string | null>(null);
  const { form, action, handleSubmitWithAction } = useHookFormAction(inviteMemberAction, zodResolver(inviteMemberSchema), {
    formProps: { defaultValues: { dealer, name: "", email: "", password: "", role: "STAFF" } },
    actionProps: {
      onSuccess: () => {
        setInvited(form.getValues("name"));
        form.reset({ dealer, name: "", email: "", password: "", role: "STAFF" });
        router.refresh();
      },
    },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormMessage error={action.result.serverError ?? action.result.validationErrors?._errors?.[0]} success={invited ? t("invited", { name: invited }) : null} />
      </div>
      <TextField label={t("name")} autoComplete="off" {...form.register("name")} error={e.name?.message} />
      <TextField label={t("email")} type="email" autoComplete="off" {...form.register("email")} error={e.email?.message} />
      <TextField label={t("firstPassword")} type="password" autoComplete="new-password" {...form.register("password")} error={e.password?.message} />
      <SelectField label={t("role")} options={[{ value: "STAFF", label: t("roleStaff") }, { value: "VIEWER", label: t("roleViewer") }]} {...form.register("role")} error={e.role?.message} />
      <div className="sm:col-span-2">
        <Button type="submit" disabled={action.isPending}>{action.isPending ? t("inviting") : t("invite")}</Button>
      </div>
    </form>
  );
}
