"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useHookFormAction } from "@next-safe-action/adapter-react-hook-form/hooks";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { createUserAction, removeMembershipAction, resetPasswordAction, setMembershipAction } from "@/app/admin/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { createUserSchema, membershipSchema, resetPasswordSchema } from "@/lib/admin/schemas";

const ROLE_OPTIONS = [
  { value: "ADMIN", label: "Admin — manages connections and deletes" },
  { value: "STAFF", label: "Staff — edits listings and runs syncs" },
  { value: "VIEWER", label: "Viewer — reads only" },
];

export function CreateUserForm() {
  const router = useRouter();
  const { form, action, handleSubmitWithAction } = useHookFormAction(createUserAction, zodResolver(createUserSchema), {
    formProps: { defaultValues: { email: "", name: "", password: "", isPlatformAdmin: false } },
    actionProps: { onSuccess: ({ data }) => data && router.push(`/admin/users/${data.id}`) },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2"><FormMessage error={action.result.serverError ?? action.result.validationErrors?._errors?.[0]} /></div>
      <TextField label="Name" autoComplete="off" {...form.register("name")} error={e.name?.message} />
      <TextField label="E-mail" type="email" autoComplete="off" {...form.register("email")} error={e.email?.message} />
      <TextField label="Initial password" type="password" autoComplete="new-password" hint="At least 10 characters. Share it with the user in person." {...form.register("password")} error={e.password?.message} />
      <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
        <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...form.register("isPlatformAdmin")} /> Platform admin (can manage every dealer)
      </label>
      <div className="sm:col-span-2"><Button type="submit" disabled={action.isPending}>{action.isPending ? "Creating…" : "Create user"}</Button></div>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const { form, action, handleSubmitWithAction } = useHookFormAction(resetPasswordAction, zodResolver(resetPasswordSchema), {
    formProps: { defaultValues: { userId, password: "" } },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="flex flex-wrap items-start gap-3">
      <div className="min-w-64 flex-1">
        <TextField label="New password" type="password" autoComplete="new-password" {...form.register("password")} error={e.password?.message} />
      </div>
      <Button type="submit" className="mt-6" disabled={action.isPending}>{action.isPending ? "Saving…" : "Reset password"}</Button>
      <div className="basis-full">
        <FormMessage error={action.result.serverError} success={action.hasSucceeded ? "Password reset. The user was signed out everywhere." : null} />
      </div>
    </form>
  );
}

/** Adds a membership, or changes its role (the same action: one role per user and dealer). */
export function MembershipForm({ fixed, dealers, users }: { fixed: { dealerId?: string; userId?: string }; dealers?: { id: string; name: string }[]; users?: { id: string; label: string }[] }) {
  const router = useRouter();
  const { form, action, handleSubmitWithAction } = useHookFormAction(setMembershipAction, zodResolver(membershipSchema), {
    formProps: { defaultValues: { dealerId: fixed.dealerId ?? "", userId: fixed.userId ?? "", role: "STAFF" } },
    actionProps: { onSuccess: () => router.refresh() },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid items-start gap-3 sm:grid-cols-3">
      {dealers && <SelectField label="Dealer" placeholder="Choose a dealer" options={dealers.map((d) => ({ value: d.id, label: d.name }))} {...form.register("dealerId")} error={e.dealerId?.message} />}
      {users && <SelectField label="User" placeholder="Choose a user" options={users.map((u) => ({ value: u.id, label: u.label }))} {...form.register("userId")} error={e.userId?.message} />}
      <SelectField label="Role" options={ROLE_OPTIONS} {...form.register("role")} error={e.role?.message} />
      <div className="sm:col-span-3 flex items-center gap-3">
        <Button type="submit" disabled={action.isPending}>{action.isPending ? "Saving…" : "Add or change role"}</Button>
        <FormMessage error={action.result.serverError ?? action.result.validationErrors?._errors?.[0]} />
      </div>
    </form>
  );
}

export function RoleSelect({ dealerId, userId, role, label }: { dealerId: string; userId: string; role: string; label: string }) {
  const router = useRouter();
  const { execute, isPending, result } = useAction(setMembershipAction, { onSuccess: () => router.refresh() });
  return (
    <span className="inline-flex items-center gap-2">
      <label className="sr-only" htmlFor={`role-${dealerId}-${userId}`}>{label}</label>
      <select id={`role-${dealerId}-${userId}`} defaultValue={role} disabled={isPending} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        onChange={(ev) => execute({ dealerId, userId, role: ev.target.value as "ADMIN" | "STAFF" | "VIEWER" })}>
        <option value="ADMIN">Admin</option><option value="STAFF">Staff</option><option value="VIEWER">Viewer</option>
      </select>
      {result.serverError && <span role="alert" className="text-xs text-red-700">{result.serverError}</span>}
    </span>
  );
}

export function RemoveMembershipButton({ dealerId, userId, label }: { dealerId: string; userId: string; label: string }) {
  const router = useRouter();
  const { execute, isPending, result } = useAction(removeMembershipAction, { onSuccess: () => router.refresh() });
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="ghost" aria-label={label} disabled={isPending}
        onClick={() => { if (window.confirm(`${label}?`)) execute({ dealerId, userId }); }}>
        {isPending ? "Removing…" : "Remove"}
      </Button>
      {result.serverError && <span role="alert" className="text-xs text-red-700">{result.serverError}</span>}
    </span>
  );
}
