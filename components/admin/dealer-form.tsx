"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useHookFormAction } from "@next-safe-action/adapter-react-hook-form/hooks";
import { useRouter } from "next/navigation";
import { createDealerAction, updateDealerAction } from "@/app/admin/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { dealerSchema, updateDealerSchema } from "@/lib/admin/schemas";

interface DealerValues { id?: string; name: string; slug: string; country: "BE" | "SE"; parentId: string | null }

export function DealerForm({ dealer, parents }: { dealer?: DealerValues; parents: { id: string; name: string }[] }) {
  return dealer?.id ? <EditDealerForm dealer={dealer as Required<DealerValues>} parents={parents} /> : <CreateDealerForm parents={parents} />;
}

function CreateDealerForm({ parents }: { parents: { id: string; name: string }[] }) {
  const router = useRouter();
  const { form, action, handleSubmitWithAction } = useHookFormAction(createDealerAction, zodResolver(dealerSchema), {
    formProps: { defaultValues: { name: "", slug: "", country: "BE", parentId: "" } },
    actionProps: { onSuccess: ({ data }) => data && router.push(`/admin/dealers/${data.id}`) },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2"><FormMessage error={action.result.serverError ?? action.result.validationErrors?._errors?.[0]} /></div>
      <TextField label="Name" {...form.register("name")} error={e.name?.message} />
      <TextField label="Slug" hint="Used in addresses, e.g. /d/auto-gent" {...form.register("slug")} error={e.slug?.message} />
      <SelectField label="Country" options={[{ value: "BE", label: "Belgium (Okasie)" }, { value: "SE", label: "Sweden (Blocket/Bytbil)" }]} {...form.register("country")} error={e.country?.message} />
      <SelectField label="Parent dealer (group)" placeholder="None" options={parents.map((p) => ({ value: p.id, label: p.name }))} {...form.register("parentId")} error={e.parentId?.message} />
      <div className="sm:col-span-2"><Button type="submit" disabled={action.isPending}>{action.isPending ? "Creating…" : "Create dealer"}</Button></div>
    </form>
  );
}

function EditDealerForm({ dealer, parents }: { dealer: Required<DealerValues>; parents: { id: string; name: string }[] }) {
  const router = useRouter();
  const { form, action, handleSubmitWithAction } = useHookFormAction(updateDealerAction, zodResolver(updateDealerSchema), {
    formProps: { defaultValues: { ...dealer, parentId: dealer.parentId ?? "" } },
    actionProps: { onSuccess: () => router.refresh() },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={handleSubmitWithAction} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormMessage error={action.result.serverError ?? action.result.validationErrors?._errors?.[0]} success={action.hasSucceeded ? "Saved." : null} />
      </div>
      <TextField label="Name" {...form.register("name")} error={e.name?.message} />
      <TextField label="Slug" {...form.register("slug")} error={e.slug?.message} />
      <SelectField label="Country" options={[{ value: "BE", label: "Belgium (Okasie)" }, { value: "SE", label: "Sweden (Blocket/Bytbil)" }]} {...form.register("country")} error={e.country?.message} />
      <SelectField label="Parent dealer (group)" placeholder="None" options={parents.filter((p) => p.id !== dealer.id).map((p) => ({ value: p.id, label: p.name }))} {...form.register("parentId")} error={e.parentId?.message} />
      <div className="sm:col-span-2"><Button type="submit" disabled={action.isPending}>{action.isPending ? "Saving…" : "Save changes"}</Button></div>
    </form>
  );
}
