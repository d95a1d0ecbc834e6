/** Which address a sign-in counts against: X-Forwarded-For is believed only from configured proxies. */
import { describe, expect, test } from "vitest";
import { addressKey, clientAddress, normalizeAddress, parseTrustedProxies, PEER_HEADER } from "@/lib/auth/client-address";

const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.0/8, 2001:db8::/32, 192.0.2.7");
const req = (peer: string | null, xff?: string) => new Headers({ ...(peer !== null ? { [PEER_HEADER]: peer } : {}), ...(xff ? { "x-forwarded-for": xff } : {}) });

describe("client address", () => {
  test("without trusted proxies the connecting address counts and X-Forwarded-For is ignored", () => {
    expect(clientAddress(req("203.0.113.9", "1.2.3.4"), none)).toBe("203.0.113.9");
    expect(clientAddress(req("::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8"), none)).toBe("203.0.113.9");
  });

  test("a request from a trusted proxy counts the address the proxy saw", () => {
    expect(clientAddress(req("10.1.2.3", "203.0.113.50"), proxies)).toBe("203.0.113.50");
    // Two trusted hops: walk left past both.
    expect(clientAddress(req("10.1.2.3", "203.0.113.50, 192.0.2.7"), proxies)).toBe("203.0.113.50");
    expect(clientAddress(req("2001:db8::1", "[2001:db8:ffff::2]:443"), proxies)).toBe("2001:db8:ffff::2");
  });

  test("addresses a client wrote to the left of its own are not believed", () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the client's real address.
    expect(clientAddress(req("10.1.2.3", "1.1.1.1, 203.0.113.50"), proxies)).toBe("203.0.113.50");
    // A client that reaches the app directly cannot pretend to be behind the proxy.
    expect(clientAddress(req("203.0.113.66", "10.1.2.3, 1.1.1.1"), proxies)).toBe("203.0.113.66");
  });

  test("garbage never becomes an address", () => {
    expect(clientAddress(req("10.1.2.3", "not-an-ip"), proxies)).toBe("10.1.2.3");
    expect(clientAddress(req("10.1.2.3", "203.0.113.5, ,"), proxies)).toBe("203.0.113.5");
    expect(clientAddress(req(null, "203.0.113.5"), proxies)).toBeNull(); // no stamped peer: believe nothing
    expect(clientAddress(req("x".repeat(5000)), none)).toBeNull();
    expect(normalizeAddress("999.1.1.1")).toBeNull();
  });

  test("IPv6 clients are counted per /64, IPv4 per address", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
    expect(addressKey("2001:db8:1:2::1")).not.toBe(addressKey("2001:db8:1:3::1"));
    expect(addressKey("203.0.113.1")).not.toBe(addressKey("203.0.113.2"));
    expect(addressKey(null)).toBe("unknown");
  });
});
