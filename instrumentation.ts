/**
 * Runs once when a Next.js server starts: a bad environment stops it with a readable message, and
 * every request gets its TCP peer's address stamped for sign-in throttling (lib/auth/client-address).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/env");
    env();
    const { stampPeerAddress } = await import("@/lib/auth/client-address");
    await stampPeerAddress();
  }
}
