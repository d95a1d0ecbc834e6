"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { createConnectionAction, probeConnectionAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/actions";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { useMessage } from "@/components/ui/use-message";
import type { AccountField, IdentityFormField } from "@/lib/marketplaces/types";

type Environment = "PRODUCTION" | "SANDBOX";

/** What the server offers: registered marketplaces (with their identity fields) and allowed environments. */
export interface ConnectionFormOptions {
  marketplaces: { id: string; name: string; title: string; country: string; namePlaceholder: string; identityForm: IdentityFormField[]; baseUrls: Partial<Record<Environment, string>>; rehearsal: boolean }[];
  environments: Environment[];
}

/** The words of each environment (`connections.*`). */
const ENVIRONMENT_LABEL = { SANDBOX: "sandboxLong", PRODUCTION: "production" } as const;

/**
 * Two steps: check the token (nothing is stored) and see which identities it reaches; then pick
 * the identity and save. The server checks the token once more before sealing it, and chooses
 * the address itself: the form shows it but never sends one.
 */
export function AddConnectionForm({ dealer, options, defaultMarketplace }: { dealer: string; options: ConnectionFormOptions; defaultMarketplace: string }) {
  const t = useTranslations("connections");
  // The marketplace modules speak in catalog messages (their texts.ts); they are put into words here.
  const text = useMessage();
  const [marketplace, setMarketplace] = useState<string>(defaultMarketplace);
  const [environment, setEnvironment] = useState<Environment>(options.environments.includes("SANDBOX") ? "SANDBOX" : "PRODUCTION");
  const [token, setToken] = useState("");
  const [name, setName] = useState("");
  const [identity, setIdentity] = useState<Partial<Record<AccountField, string | null>>>({});
  // A rehearsal is the documented way to try a marketplace that has no test environment: on by default.
  const [rehearsal, setRehearsal] = useState(true);
  const tr = useTranslations("rehearsal");
  const te = useTranslations("enrolment");
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
        <SelectField label={t("marketplace")} value={marketplace} onChange={(e) => preset(e.target.value, environment)} options={options.marketplaces.map((m) => ({ value: m.id, label: text(m.title) }))} error={err("marketplace")} />
        <SelectField label={t("environment")} value={environment} onChange={(e) => preset(marketplace, e.target.value as Environment)} options={options.environments.map((e) => ({ value: e, label: t(ENVIRONMENT_LABEL[e]) }))} error={err("environment")} />
        <TextField label={t("baseUrl")} value={chosen?.baseUrls[environment] ?? ""} readOnly />
      </div>
      <TextField label={t("token")} type="password" autoComplete="off" hint={t("tokenHint")} value={token} onChange={(e) => { setToken(e.target.value); probe.reset(); }} error={err("token")} />
      {!checked && (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={probe.isPending}>{probe.isPending ? t("checking") : t("check.button")}</Button>
          <FormMessage error={probe.result.data && !probe.result.data.ok ? probe.result.data.message : probe.result.serverError} />
        </div>
      )}
      {checked && (
        <fieldset className="space-y-4 rounded-md border border-emerald-200 bg-emerald-50/40 p-4">
          <legend className="px-1 text-sm font-medium text-emerald-800">{text(probe.result.data?.message)}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t("name")} placeholder={chosen?.namePlaceholder} value={name} onChange={(e) => setName(e.target.value)} error={err("name")} />
            {chosen?.identityForm.map((f) => {
              if (f.kind === "pick-identity") {
                return (
                  <SelectField key={f.field} label={text(f.label)} placeholder={text(f.placeholder)} value={identity[f.field] ?? ""} error={err(f.field)}
                    onChange={(e) => {
                      const picked = identities.find((i) => i.id === e.target.value);
                      set(f.field, e.target.value);
                      if (f.codeField) set(f.codeField, picked?.code ?? null);
                    }}
                    options={identities.map((i) => ({ value: i.id, label: `${i.parentId ? "— " : ""}${i.name}${i.code ? ` (${i.code})` : ""}` }))} />
                );
              }
              if (f.kind === "select") {
                return <SelectField key={f.field} label={text(f.label)} placeholder={text(f.placeholder)} value={identity[f.field] ?? ""} onChange={(e) => set(f.field, e.target.value)} options={f.options.map((o) => ({ value: o.value, label: text(o.label) }))} error={err(f.field)} />;
              }
              return <TextField key={f.field} label={text(f.label)} placeholder={text(f.placeholder)} value={identity[f.field] ?? ""} onChange={(e) => set(f.field, e.target.value)} error={err(f.field)} />;
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
            <Button type="submit" disabled={create.isPending}>{create.isPending ? t("saving") : t("save")}</Button>
            <Button variant="ghost" onClick={() => probe.reset()}>{t("back")}</Button>
          </div>
        </fieldset>
      )}
      <FormMessage error={create.result.serverError ?? createErrors?._errors?.[0]} success={create.hasSucceeded ? t("saved") : null} />
      {/* A new connection publishes nothing until the dealer chooses its cars (lib/publications/enrolment.ts). */}
      {create.hasSucceeded && create.result.data?.id && (
        <p className="flex flex-wrap items-center gap-3 text-sm" data-testid="enrol-next">
          <span>{te("added")}</span>
          <Link className={buttonClass("primary", "sm")} href={`/d/${dealer}/settings/connections/${create.result.data.id}/enrol`}>{te("chooseCars")}</Link>
        </p>
      )}
    </form>
  );
}
