"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { createConnectionAction, probeConnectionAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import type { AccountField, IdentityFormField } from "@/lib/marketplaces/types";

type Environment = "PRODUCTION" | "SANDBOX";

/** What the server offers: registered marketplaces (with their identity fields) and allowed environments. */
export interface ConnectionFormOptions {
  marketplaces: { id: string; name: string; title: string; country: string; namePlaceholder: string; identityForm: IdentityFormField[]; baseUrls: Partial<Record<Environment, string>>; rehearsal: boolean }[];
  environments: Environment[];
}

const ENVIRONMENT_LABEL: Record<Environment, string> = { SANDBOX: "Sandbox (local simulator)", PRODUCTION: "Production" };

/**
 * Two steps: check the token (nothing is stored) and see which identities it reaches; then pick
 * the identity and save. The server checks the token once more before sealing it, and chooses
 * the address itself: the form shows it but never sends one.
 */
export function AddConnectionForm({ dealer, options, defaultMarketplace }: { dealer: string; options: ConnectionFormOptions; defaultMarketplace: string }) {
  const [marketplace, setMarketplace] = useState<string>(defaultMarketplace);
  const [environment, setEnvironment] = useState<Environment>(options.environments.includes("SANDBOX") ? "SANDBOX" : "PRODUCTION");
  const [token, setToken] = useState("");
  const [name, setName] = useState("");
  const [identity, setIdentity] = useState<Partial<Record<AccountField, string | null>>>({});
  // A rehearsal is the documented way to try a marketplace that has no test environment: on by default.
  const [rehearsal, setRehearsal] = useState(true);
  const tr = useTranslations("rehearsal");
  const probe = useAction(probeConnectionAction);
  const create = useAction(createConnectionAction, {
    onSuccess: () => { setToken(""); setName(""); setIdentity({}); probe.reset(); },
  });

  const chosen = options.marketplaces.find((m) => m.id === marketplace) ?? options.marketplaces[0];
  const preset = (m: string, e: Environment) => { setMarketplace(m); setEnvironment(e); setIdentity({}); probe.reset(); };
  const probeErrors = probe.result.validationErrors;
  const createErrors = create.result.validationErrors;
  const err = (field: string) =>
    (createErrors?.[field as keyof typeof createErrors] as { _errors?: string[] } | undefined)?._errors?.[0] ?? (probeErrors?.[field as keyof typeof probeErrors] as { _errors?: string[] } | undefined)?._errors?.[0];
  const identities = probe.result.data?.identities ?? [];
  const checked = probe.result.data?.ok === true;
  const set = (field: AccountField, value: string | null) => setIdentity((v) => ({ ...v, [field]: value }));

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!checked) return probe.execute({ dealer, marketplace, environment, token });
        create.execute({ dealer, name, marketplace, environment, token, ...identity, ...(chosen?.rehearsal ? { rehearsal } : {}) });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Marketplace" value={marketplace} onChange={(e) => preset(e.target.value, environment)} options={options.marketplaces.map((m) => ({ value: m.id, label: m.title }))} error={err("marketplace")} />
        <SelectField label="Environment" value={environment} onChange={(e) => preset(marketplace, e.target.value as Environment)} options={options.environments.map((e) => ({ value: e, label: ENVIRONMENT_LABEL[e] }))} error={err("environment")} />
        <TextField label="Base URL" value={chosen?.baseUrls[environment] ?? ""} readOnly />
      </div>
      <TextField label="API token" type="password" autoComplete="off" hint="Stored encrypted. Nobody can read it back; only its last 4 characters are shown." value={token} onChange={(e) => { setToken(e.target.value); probe.reset(); }} error={err("token")} />
      {!checked && (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={probe.isPending}>{probe.isPending ? "Checking the token…" : "Check token"}</Button>
          <FormMessage error={probe.result.data && !probe.result.data.ok ? probe.result.data.message : probe.result.serverError} />
        </div>
      )}
      {checked && (
        <fieldset className="space-y-4 rounded-md border border-emerald-200 bg-emerald-50/40 p-4">
          <legend className="px-1 text-sm font-medium text-emerald-800">{probe.result.data?.message}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Connection name" placeholder={chosen?.namePlaceholder} value={name} onChange={(e) => setName(e.target.value)} error={err("name")} />
            {chosen?.identityForm.map((f) => {
              if (f.kind === "pick-identity") {
                return (
                  <SelectField key={f.field} label={f.label} placeholder={f.placeholder} value={identity[f.field] ?? ""} error={err(f.field)}
                    onChange={(e) => {
                      const picked = identities.find((i) => i.id === e.target.value);
                      set(f.field, e.target.value);
                      if (f.codeField) set(f.codeField, picked?.code ?? null);
                    }}
                    options={identities.map((i) => ({ value: i.id, label: `${i.parentId ? "— " : ""}${i.name}${i.code ? ` (${i.code})` : ""}` }))} />
                );
              }
              if (f.kind === "select") {
                return <SelectField key={f.field} label={f.label} placeholder={f.placeholder} value={identity[f.field] ?? ""} onChange={(e) => set(f.field, e.target.value)} options={f.options} error={err(f.field)} />;
              }
              return <TextField key={f.field} label={f.label} placeholder={f.placeholder} value={identity[f.field] ?? ""} onChange={(e) => set(f.field, e.target.value)} error={err(f.field)} />;
            })}
          </div>
          {chosen?.rehearsal && (
            <div className="flex items-start gap-2 text-sm">
              <input id="connection-rehearsal" type="checkbox" className="mt-0.5 h-4 w-4" checked={rehearsal} onChange={(e) => setRehearsal(e.target.checked)} />
              <div>
                <label htmlFor="connection-rehearsal" className="font-medium text-slate-700">{tr("label")}</label>
                <p className="text-xs text-slate-500">{tr("hint", { marketplace: chosen.name })}</p>
              </div>
            </div>
          )}
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={create.isPending}>{create.isPending ? "Saving…" : "Save connection"}</Button>
            <Button variant="ghost" onClick={() => probe.reset()}>Back</Button>
          </div>
        </fieldset>
      )}
      <FormMessage error={create.result.serverError ?? createErrors?._errors?.[0]} success={create.hasSucceeded ? "Connection saved." : null} />
    </form>
  );
}
