/** CSV export of the grid's current filter, streamed, in the reader's language. */
import { exportCsv } from "@/lib/listings/csv";
import { parseGridQuery } from "@/lib/listings/grid";
import { requestLanguage } from "@/lib/i18n/server";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

export const GET = dealerRoute("listings.view", async (request, access) => {
  const query = parseGridQuery(new URL(request.url).searchParams);
  const lines = exportCsv(access.dealer.id, query, await requestLanguage());
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
});
