/**
 * Drives the real Auth.js route handlers (app/api/auth/[...nextauth]) the way a browser would:
 * CSRF token, credentials sign-in, GET /api/auth/session, sign-out — keeping cookies in a jar.
 * The server's peer stamp (instrumentation.ts) is played by setting PEER_HEADER per client.
 */
import { NextRequest } from "next/server";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { PEER_HEADER } from "@/lib/auth/client-address";

const ORIGIN = "http://localhost:3000";
export const SESSION_COOKIE = "authjs.session-token";

export class AuthClient {
  cookies = new Map<string, string>();
  constructor(readonly peer: string) {}

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { [PEER_HEADER]: this.peer, ...(cookie ? { cookie } : {}), ...extra };
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...rest] = pair.split("=");
      const value = rest.join("=");
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return response;
  }

  async get(path: string) {
    return this.keep(await GET(new NextRequest(ORIGIN + path, { headers: this.headers() })));
  }

  async post(path: string, form: Record<string, string>) {
    const body = new URLSearchParams(form).toString();
    return this.keep(await POST(new NextRequest(ORIGIN + path, { method: "POST", body, headers: this.headers({ "content-type": "application/x-www-form-urlencoded" }) })));
  }

  async csrf() {
    return ((await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  }

  /** Signs in through POST /api/auth/callback/credentials; true when a session cookie came back. */
  async signIn(email: string, password: string, callbackUrl = "/") {
    const response = await this.post("/api/auth/callback/credentials", { email, password, csrfToken: await this.csrf(), callbackUrl });
    return { ok: this.cookies.has(SESSION_COOKIE), location: response.headers.get("location") };
  }

  async session(): Promise<{ user?: { id?: string } } | null> {
    const response = await this.get("/api/auth/session");
    return (await response.json()) as { user?: { id?: string } } | null;
  }

  async signOut() {
    return this.post("/api/auth/signout", { csrfToken: await this.csrf(), callbackUrl: "/login" });
  }

  get sessionCookie() {
    return this.cookies.get(SESSION_COOKIE);
  }

  /** Another browser holding a copy of this one's session cookie (a stolen cookie). */
  copy(peer = this.peer) {
    const other = new AuthClient(peer);
    other.cookies = new Map(this.cookies);
    return other;
  }
}
