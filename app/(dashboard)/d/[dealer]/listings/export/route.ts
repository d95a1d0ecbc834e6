/**
 * Export of the grid's current filter in the reader's language: CSV (streamed) by default,
 * an Excel workbook with `?format=xlsx`, and with `?template=1` the empty import template.
 */
import { csvTemplate, exportCsv } from "@/lib/listings/csv";
import { exportXlsx, XLSX_TYPE, xlsxTemplate } from "@/lib/listings/xlsx";
import { parseGridQuery } from "@/lib/listings/grid";
import { requestLanguage } from "@/lib/i18n/server";
import { dealerRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

export const GET = dealerRoute("listings.view", async (request, access) => {
  const search = new URL(request.url).searchParams;
  const query = parseGridQuery(search);
  const language = await requestLanguage();
  const date = new Date().toISOString().slice(0, 10);
  const template = search.get("template") === "1";
  const name = template ? "template" : `listings-${date}`;
  if (search.get("format") === "xlsx") {
    const workbook = template ? await xlsxTemplate(language) : await exportXlsx(access.dealer.id, query, language);
    return new Response(new Uint8Array(workbook), {
      headers: { "content-type": XLSX_TYPE, "content-disposition": `attachment; filename="${access.dealer.slug}-${name}.xlsx"`, "cache-control": "no-store" },
    });
  }
  if (template) {
    return new Response(await csvTemplate(language), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${access.dealer.slug}-${name}.csv"`, "cache-control": "no-store" },
    });
  }
  const lines = exportCsv(access.dealer.id, query, language);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${access.dealer.slug}-listings-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
});
