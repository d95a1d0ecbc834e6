import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { withSafeCallbackUrl } from "@/lib/auth/redirect";

/** Auth.js's own endpoints, with any callbackUrl made same-origin first (lib/auth/redirect.ts). */
const safe = (request: NextRequest) => {
  const checked = withSafeCallbackUrl(request);
  return checked === request ? request : new NextRequest(checked);
};

export const GET = (request: NextRequest) => handlers.GET(safe(request));
export const POST = (request: NextRequest) => handlers.POST(safe(request));
