"use client";
import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { createConnectionAction, probeConnectionAction } from "@/app/(dashboard)/d/[dealer]/settings/connections/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";

type Marketplace = "OKASIE" | "BLOCKET";
type Environment = "PRODUCTION" | "SANDBOX";
export type BaseUrls = Record<Marketplace, Record<Environment, string>>;

/**
 * Two steps: check the token (nothing is stored) and see which identities it reaches; then pick
 * the identity and save. The server checks the token once more before sealing it.
 */
export function AddConnectionForm({ dealer, baseUrls, defaultMarketplace }: { dealer: string; baseUrls: BaseUrls; defaultMarketplace: Marketplace }) {
  const t = useTranslations("connections");
  const [marketplace, setMarketplace] = useState<Marketplace>(defaultMarketplace);
  const [environment, setEnvironment] = useState<Environment>("SANDBOX");
  const [baseUrl, setBaseUrl] = useState(baseUrls[defaultMarketplace].SANDBOX);
  const [token, setToken] = useState("");
  const [name, setName] = useState("");
  const [profile, setProfile] = useState("");
  const [dealerCode, setDealerCode] = useState("");
  const [tokenScope, setTokenScope] = useState("");
  const probe = useAction(probeConnectionAction);
  const create = useAction(createConnectionAction, {
    onSuccess: () => { setToken(""); setName(""); setProfile(""); setDealerCode(""); setTokenScope(""); probe.reset(); },
  });

  const preset = (m: Marketplace, e: Environment) => { setMarketplace(m); setEnvironment(e); setBaseUrl(baseUrls[m][e]); probe.reset(); };
  const probeErrors = probe.result.validationErrors;
  const createErrors = create.result.validationErrors;
  const err = (field: "baseUrl" | "token" | "name" | "dealerProfileId" | "dealerCode" | "tokenScope" | "marketplace" | "environment") =>
    (createErrors?.[field] as { _errors?: string[] } | undefined)?._errors?.[0] ?? (probeErrors?.[field as keyof typeof probeErrors] as { _errors?: string[] } | undefined)?._errors?.[0];
  const identities = probe.result.data?.identities ?? [];
  const checked = probe.result.data?.ok === true;
  const chosen = identities.find((i) => i.id === profile);
  const marketplaceName = marketplace === "OKASIE" ? "Okasie" : "Blocket";
  // What the check found, in the reader's words (the adapter's own text is for the logs).
  const checkText = (r: { status: string; identities?: unknown[] } | undefined) => r && t(`check.${r.status}` as "check.ok", { marketplace: marketplaceName, count: r.identities?.length ?? 0 });

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!checked) return probe.execute({ dealer, marketplace, environment, baseUrl, token });
        create.execute({
          dealer, name, marketplace, environment, baseUrl, token,
          ...(marketplace === "OKASIE" ? { dealerProfileId: profile, dealerLocationCode: chosen?.code ?? null } : { dealerCode, tokenScope: tokenScope as "dealer_code" | "dealer_group" }),
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label={t("marketplace")} value={marketplace} onChange={(e) => preset(e.target.value as Marketplace, environment)} options={[{ value: "OKASIE", label: t("okasie") }, { value: "BLOCKET", label: t("blocket") }]} error={err("marketplace")} />
        <SelectField label={t("environment")} value={environment} onChange={(e) => preset(marketplace, e.target.value as Environment)} options={[{ value: "SANDBOX", label: t("sandboxLong") }, { value: "PRODUCTION", label: t("production") }]} error={err("environment")} />
        <TextField label={t("baseUrl")} value={baseUrl} onChange={(e) => { setBaseUrl(e.target.value); probe.reset(); }} error={err("baseUrl")} />
      </div>
      <TextField label={t("token")} type="password" autoComplete="off" hint={t("tokenHint")} value={token} onChange={(e) => { setToken(e.target.value); probe.reset(); }} error={err("token")} />
      {!checked && (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={probe.isPending}>{probe.isPending ? t("checking") : t("check.button")}</Button>
          <FormMessage error={probe.result.data && !probe.result.data.ok ? checkText(probe.result.data) : probe.result.serverError} />
        </div>
      )}
      {checked && (
        <fieldset className="space-y-4 rounded-md border border-emerald-200 bg-emerald-50/40 p-4">
          <legend className="px-1 text-sm font-medium text-emerald-800">{checkText(probe.result.data)}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t("name")} placeholder={marketplace === "OKASIE" ? "Okasie — Gent" : "Blocket — Stockholm"} value={name} onChange={(e) => setName(e.target.value)} error={err("name")} />
            {marketplace === "OKASIE" ? (
              <SelectField label={t("profile")} placeholder={t("profilePlaceholder")} value={profile} onChange={(e) => setProfile(e.target.value)}
                options={identities.map((i) => ({ value: i.id, label: `${i.parentId ? "— " : ""}${i.name}${i.code ? ` (${i.code})` : ""}` }))} error={err("dealerProfileId")} />
            ) : (
              <>
                <TextField label={t("dealerCode")} placeholder="FC-STHLM" value={dealerCode} onChange={(e) => setDealerCode(e.target.value)} error={err("dealerCode")} />
                <SelectField label={t("scope")} placeholder={t("scopePlaceholder")} value={tokenScope} onChange={(e) => setTokenScope(e.target.value)}
                  options={[{ value: "dealer_code", label: t("scopeDealer") }, { value: "dealer_group", label: t("scopeGroup") }]} error={err("tokenScope")} />
              </>
            )}
          </div>
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={create.isPending}>{create.isPending ? t("saving") : t("save")}</Button>
            <Button variant="ghost" onClick={() => probe.reset()}>{t("back")}</Button>
          </div>
        </fieldset>
      )}
      <FormMessage error={create.result.serverError ?? createErrors?._errors?.[0]} success={create.hasSucceeded ? t("saved") : null} />
    </form>
  );
}
