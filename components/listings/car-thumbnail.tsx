"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { thumbnailUrlOf } from "@/lib/photos/urls";

/**
 * A car's photo as a small thumbnail: our 320 px thumbnail for photos we host, a dealer's own
 * image address as it is (we cannot resize those), a placeholder when there is none or it fails.
 */
export function CarThumbnail({ url, alt, className = "h-12 w-16", variant = "grid" }: { url: string | null | undefined; alt: string; className?: string; variant?: "grid" | "editor" }) {
  const t = useTranslations("listings.grid");
  const [broken, setBroken] = useState<string | null>(null);
  const src = url ? thumbnailUrlOf(url, variant) ?? url : null;
  const img = useRef<HTMLImageElement>(null);
  // An image that failed before the page came alive never fires onError for React: look once.
  useEffect(() => {
    const el = img.current;
    if (el && src && el.complete && el.naturalWidth === 0) setBroken(src);
  }, [src]);
  return (
    <span className={`relative inline-flex shrink-0 items-center justify-center overflow-hidden rounded bg-slate-100 text-slate-400 ${className}`}>
      {src && broken !== src ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img ref={img} src={src} alt={alt} loading="lazy" decoding="async" className="h-full w-full object-cover" onError={() => setBroken(src)} data-testid="car-thumbnail" />
      ) : (
        <span className="text-[10px] leading-tight" aria-label={t("noPhoto")} role="img" data-testid="car-thumbnail-none">
          <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.5"><path d="M3 7h3l2-3h8l2 3h3v13H3z" /><circle cx="12" cy="13" r="4" /></svg>
        </span>
      )}
    </span>
  );
}
