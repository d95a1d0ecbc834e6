/** A stored connection → the adapter call context. The token is decrypted here, for one run. */
import "server-only";
import type { Connection } from "@/lib/generated/prisma/client";
import { contextFor } from "@/lib/connections/endpoint";
import type { ConnectionContext } from "@/lib/marketplaces/types";
import { open } from "@/lib/vault";

export function connectionContext(connection: Connection, signal?: AbortSignal): ConnectionContext {
  const token = open({ ciphertext: connection.tokenCiphertext, keyId: connection.tokenKeyId }, connection.id);
  return contextFor(connection, token, signal);
}
