/** CSV export of the grid's current filter, streamed. */
import { currentUser } from "@/lib/auth/session";
import { exportCsv } from "@/lib/listings/csv";
import { parseGridQuery } from "@/lib/listings/grid";
import { dealerAccessWith } from "@/lib/tenancy/dealers";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ dealer: string }> }) {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  const access = await dealerAccessWith(user, (await params).dealer, "listings.view");
  if (!access) return Response.json({ error: "Not found." }, { status: 404 });
  const query = parseGridQuery(new URL(request.url).searchParams);
  const lines = exportCsv(access.dealer.id, query);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${access.dealer.slug}-listings-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
