/** After sign-in a user goes to a path on this site, never to another site, whatever callbackUrl says. */
import { describe, expect, test } from "vitest";
import { safeRedirectPath, sameOriginRedirect } from "@/lib/auth/redirect";

const HOSTILE = [
  "x:/\\evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  " //evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/%2e//evil.example",
  "https://evil.example/",
  "http:evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "@evil.example",
  "/@evil.example/..//evil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example/..%2F..%2F/evil.example",
  "\u0000//evil.example",
  "/\u3000/evil.example",
];

describe("safe redirect after sign-in", () => {
  test.each(HOSTILE)("%j stays on this site", (value) => {
    const path = safeRedirectPath(value);
    expect(path.startsWith("/")).toBe(true);
    expect(path.startsWith("//")).toBe(false);
    expect(path).not.toContain("\\");
    // However a browser resolves it, it lands on our origin.
    expect(new URL(path, "https://forecourt.example").origin).toBe("https://forecourt.example");
  });

  test("ordinary paths are kept, with their query and fragment", () => {
    expect(safeRedirectPath("/d/auto-gent/listings?q=golf&sort=price#top")).toBe("/d/auto-gent/listings?q=golf&sort=price#top");
    expect(safeRedirectPath("/admin/users")).toBe("/admin/users");
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(42)).toBe("/");
  });

  test("Auth.js redirects stay on the site's own origin", () => {
    const base = "https://forecourt.example";
    expect(sameOriginRedirect("https://evil.example/x", base)).toBe(`${base}/`);
    expect(sameOriginRedirect("/\\evil.example", base)).toBe(`${base}/`);
    expect(sameOriginRedirect("//evil.example", base)).toBe(`${base}/`);
    expect(sameOriginRedirect(`${base}/d/auto-gent`, base)).toBe(`${base}/d/auto-gent`);
    expect(sameOriginRedirect("/login?x=1", base)).toBe(`${base}/login?x=1`);
  });
});

describe("the Auth.js endpoints", () => {
  test("a hostile callbackUrl, in the query or Auth.js's cookie, is made same-origin instead of failing with a 500", async () => {
    const { NextRequest } = await import("next/server");
    const { GET } = await import("@/app/api/auth/[...nextauth]/route");
    for (const hostile of ["x:/\\evil.example", "//evil.example", "javascript:alert(1)"]) {
      const byQuery = await GET(new NextRequest(`http://localhost:3000/api/auth/providers?callbackUrl=${encodeURIComponent(hostile)}`));
      expect(byQuery.status).toBe(200);
      const byCookie = await GET(new NextRequest("http://localhost:3000/api/auth/providers", { headers: { cookie: `authjs.callback-url=${encodeURIComponent(hostile)}` } }));
      expect(byCookie.status).toBe(200);
    }
  });
});
