/**
 * Marketplace connections: a dealer's accounts on the marketplaces. Tokens are checked with the
 * marketplace before they are stored, sealed by the vault, and decrypted only here, for a call.
 * Each function checks the caller's permission itself and audits what it changed (never the token).
 * Where calls go is decided in endpoint.ts, never by the form.
 */
import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { stateCapabilitiesOf } from "@/lib/publications/state-capabilities";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import type { DealerAccess } from "@/lib/tenancy/dealers";
import { FieldConflict, NotFoundError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { descriptorOf, isMarketplaceId, marketplaceDescriptors } from "@/lib/marketplaces/registry";
import type { CheckResult, IdentityFormField } from "@/lib/marketplaces/types";
import { adapterFor } from "@/lib/sync/adapters";
import { lastFour, open, seal } from "@/lib/vault";
import type { connectionRefSchema, createConnectionSchema, probeConnectionSchema, rotateTokenSchema, setEnabledSchema } from "@/lib/connections/schemas";
import { redact } from "@/lib/marketplaces/http";
import { archiveConnection } from "@/lib/publications/connection-archive";
import { baseUrlForNew, contextFor, environmentsOffered, SandboxDisabledError, type ConnectionEnvironment, type StoredConnection } from "./endpoint";

/** Everything a page may show of a connection. Never the ciphertext, never the token. */
export const connectionSafeSelect = {
  id: true, name: true, marketplace: true, environment: true, baseUrl: true, tokenLast4: true,
  dealerProfileId: true, dealerLocationCode: true, dealerCode: true, tokenScope: true, enabled: true,
  syncIntervalMinutes: true, lastCheckStatus: true, lastCheckMessage: true, lastCheckedAt: true, lastSyncedAt: true, createdAt: true,
  rehearsal: true, liveSince: true, holdOnFailedImages: true, migrationState: true, publishesEveryCar: true,
} as const;

function assertManage(access: DealerAccess) {
  if (!can(access.role, "connections.manage")) throw new NotFoundError();
}

/**
 * Checks a token with the marketplace. Whatever the remote answered stays here: a failure is
 * reported with the marketplace module's own text for it (so the check can never be used to read
 * another server's answers), and no trace of the token is returned.
 */
async function runCheck(target: StoredConnection, token: string): Promise<CheckResult> {
  const texts = descriptorOf(target.marketplace).texts.check;
  let result: CheckResult;
  try {
    result = await adapterFor(target.marketplace, { quick: true }).check(contextFor(target, token, AbortSignal.timeout(30_000)));
  } catch (err) {
    if (err instanceof SandboxDisabledError) throw err;
    result = { ok: false, status: "unexpected", message: "" };
  }
  const message = result.ok ? result.message : texts[result.reason ?? result.status] ?? texts[result.status];
  return { ...result, message: redact(message, [token]) };
}

/** What the add-connection form may offer: registered marketplaces and the environments this deployment allows. */
export function connectionFormOptions(): {
  marketplaces: { id: string; name: string; title: string; country: string; namePlaceholder: string; identityForm: IdentityFormField[]; rehearsal: boolean }[];
  environments: ConnectionEnvironment[];
} {
  return {
    marketplaces: marketplaceDescriptors().map((d) => ({ id: d.id, name: d.name, title: d.texts.title, country: d.country, namePlaceholder: d.texts.connectionNamePlaceholder, identityForm: d.identity.form, rehearsal: !!d.capabilities.rehearsal })),
    environments: environmentsOffered(),
  };
}

/** The base URL of a new connection, or a field-level refusal when its environment is not offered. */
function newConnectionUrl(marketplace: string, environment: ConnectionEnvironment): string {
  try {
    return baseUrlForNew(marketplace, environment);
  } catch (err) {
    if (err instanceof SandboxDisabledError) throw new FieldConflict("environment", err.message);
    throw err;
  }
}

/** Step 1 of adding a connection: test the token and list the identities it reaches. Stores nothing. */
export async function probeConnection(access: DealerAccess, input: z.output<typeof probeConnectionSchema>) {
  assertManage(access);
  const baseUrl = newConnectionUrl(input.marketplace, input.environment);
  const result = await runCheck({ marketplace: input.marketplace, environment: input.environment, baseUrl }, input.token);
  return { ok: result.ok, status: result.status, message: result.message, identities: result.identities ?? [] };
}

/** The dealer's connections as the listing screens name them (no account details, no token). */
export async function connectionLabels(dealerId: string) {
  const rows = await db.connection.findMany({ where: { dealerId, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, marketplace: true } });
  return rows.map((c) => ({ ...c, marketplaceLabel: isMarketplaceId(c.marketplace) ? descriptorOf(c.marketplace).label : c.marketplace, states: stateCapabilitiesOf(c.marketplace) }));
}

export async function listConnections(dealerId: string) {
  return db.connection.findMany({ where: { dealerId, archivedAt: null }, orderBy: [{ marketplace: "asc" }, { name: "asc" }], select: connectionSafeSelect });
}

export async function createConnection(actor: SessionUser, access: DealerAccess, input: z.output<typeof createConnectionSchema>) {
  assertManage(access);
  const baseUrl = newConnectionUrl(input.marketplace, input.environment);
  const check = await runCheck({ ...input, baseUrl }, input.token);
  if (!check.ok) {
    const field = check.status === "unreachable" ? "environment" : check.reason === "identity_unknown" ? descriptorOf(input.marketplace).identity.form[0]?.field ?? "token" : "token";
    throw new FieldConflict(field, check.message);
  }
  const id = crypto.randomUUID();
  const sealed = seal(input.token, id);
  const capabilities = descriptorOf(input.marketplace).capabilities;
  const connection = await db.$transaction(async (tx) => {
    const created = await tx.connection.create({
      data: {
        id, dealerId: access.dealer.id, name: input.name, marketplace: input.marketplace, environment: input.environment, baseUrl,
        tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour(input.token),
        dealerProfileId: input.dealerProfileId ?? null, dealerLocationCode: input.dealerLocationCode ?? null,
        dealerCode: input.dealerCode ?? null, tokenScope: input.tokenScope ?? null,
        lastCheckStatus: check.status, lastCheckMessage: check.message, lastCheckedAt: new Date(),
        // A rehearsal sends every ad hidden until an admin goes live (lib/connections/publishing.ts);
        // ads made in the marketplace's back office wait for the migration decision (lib/migration).
        rehearsal: !!(input.rehearsal && capabilities.rehearsal),
        migrationState: capabilities.adminMigration ? "PENDING" : null,
        // Publishes nothing until the dealer chooses the cars (lib/publications/enrolment.ts).
        publishesEveryCar: false,
      },
      select: connectionSafeSelect,
    });
    await recordAudit({ actorId: actor.id, dealerId: access.dealer.id, action: "connection.added", targetType: "Connection", targetId: id, data: { name: input.name, marketplace: input.marketplace, environment: input.environment, baseUrl, tokenLast4: lastFour(input.token), rehearsal: !!(input.rehearsal && capabilities.rehearsal) } }, tx);
    return created;
  });
  return connection;
}

async function ownConnection(access: DealerAccess, connectionId: string) {
  const connection = await db.connection.findFirst({ where: { id: connectionId, dealerId: access.dealer.id, archivedAt: null } });
  if (!connection) throw new NotFoundError();
  return connection;
}

export async function rotateToken(actor: SessionUser, access: DealerAccess, input: z.output<typeof rotateTokenSchema>) {
  assertManage(access);
  const connection = await ownConnection(access, input.connectionId);
  const check = await runCheck(connection, input.token);
  if (!check.ok) throw new FieldConflict("token", check.message);
  const sealed = seal(input.token, connection.id);
  await db.$transaction(async (tx) => {
    await tx.connection.update({
      where: { id: connection.id },
      data: { tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour(input.token), lastCheckStatus: check.status, lastCheckMessage: check.message, lastCheckedAt: new Date() },
    });
    await recordAudit({ actorId: actor.id, dealerId: access.dealer.id, action: "connection.token_rotated", targetType: "Connection", targetId: connection.id, data: { name: connection.name, fromLast4: connection.tokenLast4, toLast4: lastFour(input.token) } }, tx);
  });
}

/** Calls the marketplace with the stored token and records the outcome. */
export async function testConnection(actor: SessionUser, access: DealerAccess, input: z.output<typeof connectionRefSchema>) {
  assertManage(access);
  const connection = await ownConnection(access, input.connectionId);
  const token = open({ ciphertext: connection.tokenCiphertext, keyId: connection.tokenKeyId }, connection.id);
  const check = await runCheck(connection, token);
  await db.$transaction(async (tx) => {
    await tx.connection.update({ where: { id: connection.id }, data: { lastCheckStatus: check.status, lastCheckMessage: check.message, lastCheckedAt: new Date() } });
    await recordAudit({ actorId: actor.id, dealerId: access.dealer.id, action: "connection.tested", targetType: "Connection", targetId: connection.id, data: { name: connection.name, status: check.status } }, tx);
  });
  return { ok: check.ok, status: check.status, message: check.message };
}

export async function setConnectionEnabled(actor: SessionUser, access: DealerAccess, input: z.output<typeof setEnabledSchema>) {
  assertManage(access);
  const connection = await ownConnection(access, input.connectionId);
  await db.$transaction(async (tx) => {
    await tx.connection.update({ where: { id: connection.id }, data: { enabled: input.enabled } });
    await recordAudit({ actorId: actor.id, dealerId: access.dealer.id, action: input.enabled ? "connection.enabled" : "connection.disabled", targetType: "Connection", targetId: connection.id, data: { name: connection.name } }, tx);
  });
}

export async function deleteConnection(actor: SessionUser, access: DealerAccess, input: z.output<typeof connectionRefSchema>) {
  assertManage(access);
  const connection = await ownConnection(access, input.connectionId);
  await db.$transaction(async (tx) => {
    await archiveConnection(tx, connection); // kept for its history; refused while its ads are out there
    await recordAudit({ actorId: actor.id, dealerId: access.dealer.id, action: "connection.deleted", targetType: "Connection", targetId: connection.id, data: { name: connection.name, marketplace: connection.marketplace, tokenLast4: connection.tokenLast4 } }, tx);
  });
}

export type HealthStatus = "disabled" | "ok" | "unauthorized" | "missing_scope" | "unreachable" | "untested" | "unexpected";

/** Health as staff should read it, without any secret: a tone, and catalog messages for the label and the advice. */
export function healthOf(c: { marketplace: string; enabled: boolean; lastCheckStatus: string | null }) {
  const marketplace = isMarketplaceId(c.marketplace) ? descriptorOf(c.marketplace).name : c.marketplace;
  const status: HealthStatus = !c.enabled ? "disabled"
    : c.lastCheckStatus === null || c.lastCheckStatus === undefined ? "untested"
      : (["ok", "unauthorized", "missing_scope", "unreachable"] as const).find((s) => s === c.lastCheckStatus) ?? "unexpected";
  const tone = ({ disabled: "gray", ok: "green", unauthorized: "red", missing_scope: "red", unreachable: "amber", untested: "gray", unexpected: "amber" } as const)[status];
  const advice = status === "ok" || status === "untested" ? null : msg(`health.advice.${status}`, { marketplace });
  return { status, tone, label: msg(`health.label.${status}`), advice };
}
