"use client";
import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
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
        <SelectField label="Marketplace" value={marketplace} onChange={(e) => preset(e.target.value as Marketplace, environment)} options={[{ value: "OKASIE", label: "Okasie (Belgium)" }, { value: "BLOCKET", label: "Blocket/Bytbil (Sweden)" }]} error={err("marketplace")} />
        <SelectField label="Environment" value={environment} onChange={(e) => preset(marketplace, e.target.value as Environment)} options={[{ value: "SANDBOX", label: "Sandbox (local simulator)" }, { value: "PRODUCTION", label: "Production" }]} error={err("environment")} />
        <TextField label="Base URL" value={baseUrl} onChange={(e) => { setBaseUrl(e.target.value); probe.reset(); }} error={err("baseUrl")} />
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
            <TextField label="Connection name" placeholder={marketplace === "OKASIE" ? "Okasie — Gent" : "Blocket — Stockholm"} value={name} onChange={(e) => setName(e.target.value)} error={err("name")} />
            {marketplace === "OKASIE" ? (
              <SelectField label="Dealer profile / location" placeholder="Choose where this dealer publishes" value={profile} onChange={(e) => setProfile(e.target.value)}
                options={identities.map((i) => ({ value: i.id, label: `${i.parentId ? "— " : ""}${i.name}${i.code ? ` (${i.code})` : ""}` }))} error={err("dealerProfileId")} />
            ) : (
              <>
                <TextField label="Blocket dealer code" placeholder="FC-STHLM" value={dealerCode} onChange={(e) => setDealerCode(e.target.value)} error={err("dealerCode")} />
                <SelectField label="Token scope" placeholder="Choose the scope" value={tokenScope} onChange={(e) => setTokenScope(e.target.value)}
                  options={[{ value: "dealer_code", label: "One dealer (dealer_code)" }, { value: "dealer_group", label: "A dealer group (dealer_group)" }]} error={err("tokenScope")} />
              </>
            )}
          </div>
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
