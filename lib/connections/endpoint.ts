/**
 * Where calls to a marketplace go — decided here, on the server, never by a form:
 * - PRODUCTION connections always use the marketplace's official base URL (its descriptor),
 *   whatever a stored row says;
 * - SANDBOX connections exist only where the deployment enables them (SANDBOX_CONNECTIONS: on in
 *   development and tests, off by default in production), and new ones get the configured
 *   simulator URL of their marketplace.
 * Redirects are never followed and answers are capped (lib/marketplaces/http.ts), so together a
 * dealer's token only ever goes to the official host or the configured simulator.
 */
import "server-only";
import { env } from "@/lib/env";
import { ActionError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { budgetKeyFor } from "@/lib/marketplaces/pacer";
import { descriptorOf, identityOf } from "@/lib/marketplaces/registry";
import { settingsOf } from "@/lib/marketplaces/registry/server";
import type { AccountFields, ConnectionContext } from "@/lib/marketplaces/types";

export type ConnectionEnvironment = "PRODUCTION" | "SANDBOX";

export const SANDBOX_DISABLED_MESSAGE = msg("connections.errors.sandboxDisabled");

export class SandboxDisabledError extends ActionError {
  name = "SandboxDisabledError";
  constructor() {
    super(SANDBOX_DISABLED_MESSAGE);
  }
}

export function sandboxEnabled(): boolean {
  return env().SANDBOX_CONNECTIONS;
}

/** The environments a new connection may use in this deployment. */
export function environmentsOffered(): ConnectionEnvironment[] {
  return sandboxEnabled() ? ["PRODUCTION", "SANDBOX"] : ["PRODUCTION"];
}

/** The base URL of a new connection: chosen here from the marketplace and the environment only. */
export function baseUrlForNew(marketplace: string, environment: ConnectionEnvironment): string {
  if (environment === "PRODUCTION") return descriptorOf(marketplace).officialBaseUrl;
  if (!sandboxEnabled()) throw new SandboxDisabledError();
  return settingsOf(marketplace).sandboxUrl;
}

/** The base URL a call to a stored connection goes to. */
export function baseUrlFor(connection: { marketplace: string; environment: ConnectionEnvironment; baseUrl: string }): string {
  if (connection.environment === "PRODUCTION") return descriptorOf(connection.marketplace).officialBaseUrl;
  if (!sandboxEnabled()) throw new SandboxDisabledError();
  // Written by the server when the connection was made (the configured simulator, or a test's).
  return connection.baseUrl;
}

export type StoredConnection = { marketplace: string; environment: ConnectionEnvironment; baseUrl: string } & AccountFields;

/** The context for one call. The token is only ever held here, for the duration of that call. */
export function contextFor(connection: StoredConnection, token: string, signal?: AbortSignal): ConnectionContext {
  return {
    baseUrl: baseUrlFor(connection),
    token,
    identity: identityOf(connection),
    budgetKey: budgetKeyFor(connection.marketplace, token),
    signal,
  };
}
