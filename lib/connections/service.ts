/**
 * Marketplace connections: a dealer's accounts on Okasie and Blocket. Tokens are checked with the
 * marketplace before they are stored, sealed by the vault, and decrypted only here, for a call.
 * Each function checks the caller's permission itself and audits what it changed (never the token).
 */
import type { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import type { DealerAccess } from "@/lib/tenancy/dealers";
import { FieldConflict, NotFoundError } from "@/lib/errors";
import { checkAdapterFor, contextFor, MARKETPLACES } from "@/lib/marketplaces/registry";
import type { CheckResult } from "@/lib/marketplaces/types";
import { lastFour, open, seal } from "@/lib/vault";
import type { connectionRefSchema, createConnectionSchema, probeConnectionSchema, rotateTokenSchema, setEnabledSchema } from "@/lib/connections/schemas";
import { redact } from "@/lib/marketplaces/http";
import { archiveConnection } from "@/lib/publications/connection-archive";

/** Everything a page may show of a connection. Never the ciphertext, never the token. */
export const connectionSafeSelect = {
  id: true, name: true, marketplace: true, environment: true, baseUrl: true, tokenLast4: true,
  dealerProfileId: true, dealerLocationCode: true, dealerCode: true, tokenScope: true, enabled: true,
  syncIntervalMinutes: true, lastCheckStatus: true, lastCheckMessage: true, lastCheckedAt: true, lastSyncedAt: true, createdAt: true,
} as const;

function assertManage(access: DealerAccess) {
  if (!can(access.role, "connections.manage")) throw new NotFoundError();
}

/** A check result with any trace of the token removed, whatever the adapter put in it. */
async function runCheck(marketplace: "OKASIE" | "BLOCKET", target: Parameters<typeof contextFor>[0], token: string): Promise<CheckResult> {
  let result: CheckResult;
  try {
    result = await checkAdapterFor(marketplace).check(contextFor(target, token, AbortSignal.timeout(30_000)));
  } catch (err) {
    result = { ok: false, status: "unexpected", message: (err as Error)?.message ?? "Unexpected failure" };
  }
  return { ...result, message: redact(result.message, [token]) };
}

/** Step 1 of adding a connection: test the token and list the identities it reaches. Stores nothing. */
export async function probeConnection(access: DealerAccess, input: z.output<typeof probeConnectionSchema>) {
  assertManage(access);
  const result = await runCheck(input.marketplace, { marketplace: input.marketplace, baseUrl: input.baseUrl }, input.token);
  return { ok: result.ok, status: result.status, message: result.message, identities: result.identities ?? [] };
}

export async function listConnections(dealerId: string) {
  return db.connection.findMany({ where: { dealerId, archivedAt: null }, orderBy: [{ marketplace: "asc" }, { name: "asc" }], select: connectionSafeSelect });
}

export async function createConnection(actor: SessionUser, access: DealerAccess, input: z.output<typeof createConnectionSchema>) {
  assertManage(access);
  const target = { ...input, marketplace: input.marketplace };
  const check = await runCheck(input.marketplace, target, input.token);
  if (!check.ok) throw new FieldConflict(check.status === "unreachable" ? "baseUrl" : check.status === "unexpected" && input.marketplace === "OKASIE" ? "dealerProfileId" : "token", check.message);
  const id = crypto.randomUUID();
  const sealed = seal(input.token, id);
  const connection = await db.$transaction(async (tx) => {
    const created = await tx.connection.create({
      data: {
        id, dealerId: access.dealer.id, name: input.name, marketplace: input.marketplace, environment: input.environment, baseUrl: input.baseUrl,
        tokenCiphertext: sealed.ciphertext, tokenKeyId: sealed.keyId, tokenLast4: lastFour(input.token),
        dealerProfileId: input.dealerProfileId ?? null, dealerLocationCode: input.dealerLocationCode ?? null,
        dealerCode: input.dealerCode ?? null, tokenScope: input.tokenScope ?? null,
        lastCheckStatus: check.status, lastCheckMessage: check.message, lastCheckedAt: new Date(),
      },
      select: connectionSafeSelect,
    });
    await recordAudit({ actorId: actor.id, dealerId: access.dealer.id, action: "connection.added", targetType: "Connection", targetId: id, data: { name: input.name, marketplace: input.marketplace, environment: input.environment, baseUrl: input.baseUrl, tokenLast4: lastFour(input.token) } }, tx);
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
  const check = await runCheck(connection.marketplace, connection, input.token);
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
  const check = await runCheck(connection.marketplace, connection, token);
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

/** Health as staff should read it, without any secret. */
export function healthOf(c: { marketplace: "OKASIE" | "BLOCKET"; enabled: boolean; lastCheckStatus: string | null }) {
  const label = MARKETPLACES[c.marketplace].label;
  if (!c.enabled) return { tone: "gray" as const, label: "Disabled", advice: `The ${label} connection is switched off; nothing is published there.` };
  switch (c.lastCheckStatus) {
    case "ok": return { tone: "green" as const, label: "Working", advice: null };
    case "unauthorized": return { tone: "red" as const, label: "Token rejected", advice: `The ${label} token was rejected; ask your admin to update it.` };
    case "missing_scope": return { tone: "red" as const, label: "Missing permission", advice: `The ${label} token may not publish listings; ask your admin to request the right scope.` };
    case "unreachable": return { tone: "amber" as const, label: "Unreachable", advice: `${label} could not be reached at the last check; it will be tried again.` };
    case null: case undefined: return { tone: "gray" as const, label: "Not tested", advice: null };
    default: return { tone: "amber" as const, label: "Unexpected answer", advice: `${label} answered unexpectedly at the last check; ask your admin to test the connection.` };
  }
}
