/** The capabilities a connection's states depend on, asked of its marketplace module (client-safe). */
import { descriptorOf, isMarketplaceId } from "@/lib/marketplaces/registry";
import type { StateCapabilities } from "./shown-state";

/** A marketplace this build does not know (an archived module): the plainest vocabulary. */
const UNKNOWN: StateCapabilities = { asyncWrites: false, removal: "deleted", hiddenAs: "invisible" };

export function stateCapabilitiesOf(marketplace: string): StateCapabilities {
  if (!isMarketplaceId(marketplace)) return UNKNOWN;
  const { asyncWrites, removal, hiddenAs } = descriptorOf(marketplace).capabilities;
  return { asyncWrites, removal, hiddenAs };
}
