import { getTranslations } from "next-intl/server";
import { CarThumbnail } from "@/components/listings/car-thumbnail";

/** The car's photos at the top of its page, in the order the marketplaces get them (first = cover). */
export async function CarPhotos({ images }: { images: string[] }) {
  const t = await getTranslations("editor");
  if (images.length === 0) return null;
  const shown = images.slice(0, 8);
  return (
    <section aria-label={t("photos")} className="mb-4">
      <ol className="flex gap-2 overflow-x-auto pb-1" data-testid="car-photos">
        {shown.map((url, i) => (
          <li key={`${i}-${url}`} className="relative">
            <a href={url} target="_blank" rel="noreferrer" className="block rounded focus-visible:ring-2 focus-visible:ring-brand-600">
              <CarThumbnail url={url} alt={t("photoAlt", { n: i + 1 })} className={i === 0 ? "h-24 w-32 sm:h-28 sm:w-40" : "h-24 w-32"} />
            </a>
            {i === 0 && <span className="absolute left-1 top-1 rounded bg-brand-600 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-white">{t("photoCover")}</span>}
          </li>
        ))}
        {images.length > shown.length && <li className="flex h-24 items-center px-2 text-sm text-slate-500">{t("photosMore", { count: images.length - shown.length })}</li>}
      </ol>
    </section>
  );
}
