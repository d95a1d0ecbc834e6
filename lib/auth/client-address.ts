/**
 * The address a request comes from, for sign-in throttling. Next.js does not expose the socket,
 * and it copies a client's own `X-Forwarded-For` through untouched, so a client could claim any
 * address. Two parts fix that:
 *
 * - `stampPeerAddress` (installed by instrumentation.ts in the Node.js server) writes the TCP
 *   peer's address into PEER_HEADER on every incoming request, replacing whatever the client sent.
 * - `clientAddress` starts from that peer and walks X-Forwarded-For from the right only while the
 *   hop it stands on is a configured trusted proxy (TRUSTED_PROXIES). With no trusted proxies the
 *   header is ignored entirely.
 */
import { BlockList, isIP } from "node:net";

export const PEER_HEADER = "x-forecourt-peer";

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything that is not an IP address → null. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let address = raw.trim();
  // "[2001:db8::1]:443" or "10.0.0.1:5000" as some proxies write them
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1];
  return isIP(address) ? address.toLowerCase() : null;
}

export function parseTrustedProxies(list: string): BlockList {
  const blocks = new BlockList();
  for (const entry of list.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) blocks.addAddress(address, type);
    else blocks.addSubnet(address, Number(bits), type);
  }
  return blocks;
}

function isTrusted(address: string, proxies: BlockList): boolean {
  return proxies.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address, or null when the server did not stamp the peer (then nothing the client
 * sent is believed either).
 */
export function clientAddress(headers: Headers, proxies: BlockList): string | null {
  let address = normalizeAddress(headers.get(PEER_HEADER));
  if (!address) return null;
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  while (isTrusted(address, proxies) && forwarded.length > 0) {
    const next = normalizeAddress(forwarded.pop());
    if (!next) break; // a garbled hop: stop at the last address we can vouch for
    address = next;
  }
  return address;
}

/**
 * The key an address is throttled under: IPv6 clients usually hold a whole /64, so one of them
 * must not get a fresh budget per address.
 */
export function addressKey(address: string | null): string {
  if (!address) return "unknown";
  if (isIP(address) !== 6) return address;
  const groups = expandIPv6(address).slice(0, 4);
  return `${groups.join(":")}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, ""];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 that was not mapped) counts as two groups.
  const last = right.length ? right[right.length - 1] : left[left.length - 1];
  const v4 = last && last.includes(".") ? 1 : 0;
  const missing = 8 - left.length - right.length - v4;
  return [...left, ...Array(Math.max(0, missing)).fill("0"), ...right].map((g) => g.padStart(4, "0"));
}

/**
 * Installs the peer stamp on Node's HTTP server: every request's PEER_HEADER becomes the socket's
 * remote address before Next.js sees the request. Called once per server process.
 */
export async function stampPeerAddress() {
  const http = await import("node:http");
  const proto = http.Server.prototype as unknown as { emit: (event: string, ...args: unknown[]) => boolean; __forecourtPeer?: boolean };
  if (proto.__forecourtPeer) return;
  const emit = proto.emit;
  proto.emit = function (this: unknown, event: string, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as { headers: Record<string, unknown>; socket?: { remoteAddress?: string } };
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
  proto.__forecourtPeer = true;
}
