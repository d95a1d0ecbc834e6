"use client";
/**
 * The editor's photos: upload (drop, pick many, camera or gallery on a phone), watch each upload
 * and cancel it, reorder by dragging or by keyboard, choose the cover, remove, or add an image by
 * its address (dealers with their own CDN). The car's photo order is `images`, first = cover.
 *
 * Dragging is @dnd-kit: pointer, touch and keyboard sensors with screen-reader announcements
 * (space picks a photo up, arrows move it, space drops it); the ↑/↓ buttons do the same in one
 * press and announce the new position too.
 */
import { useId, useState, type DragEvent } from "react";
import { useTranslations } from "next-intl";
import {
  DndContext, KeyboardSensor, PointerSensor, TouchSensor, closestCenter, useSensor, useSensors,
  type Announcements, type DragEndEvent, type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { thumbnailUrlOf } from "@/lib/photos/urls";
import { usePhotoUploads, type Upload } from "@/components/listings/photo-uploads";
import { CarThumbnail } from "@/components/listings/car-thumbnail";

/** What the file pickers offer: what the server takes (HEIC from iPhones included). */
const ACCEPT = "image/jpeg,image/png,image/heic,image/heif,image/webp,image/avif,.heic,.heif";
const RETRYABLE = new Set(["network", "busy", "timeout", "storage_unavailable"]);

/** Stable ids for the sortable list, also when one address appears twice. */
function sortableIds(images: string[]) {
  const seen = new Map<string, number>();
  return images.map((url) => {
    const n = (seen.get(url) ?? 0) + 1;
    seen.set(url, n);
    return `${n}|${url}`;
  });
}

export function PhotoManager({ dealer, images, onChange, maxUploadBytes, disabled }: {
  dealer: string; images: string[];
  /** Applies a change to the newest list (not the one last rendered: uploads finish in between). */
  onChange: (update: (current: string[]) => string[]) => void;
  maxUploadBytes: number; disabled?: boolean;
}) {
  const t = useTranslations("editor");
  const [address, setAddress] = useState("");
  const [addressError, setAddressError] = useState<string | null>(null);
  const [dropping, setDropping] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  // Several uploads can finish between two renders: every change builds on the form's newest list.
  const change = (update: (current: string[]) => string[]) => onChange(update);
  const [duplicates, setDuplicates] = useState(0);
  // The same photo uploaded again has the same URL: it is not added a second time, and the dealer is told.
  const onUploaded = (urls: string[]) => {
    let skipped = 0;
    change((current) => {
      const next = [...current];
      for (const url of urls) {
        if (next.includes(url)) skipped++;
        else next.push(url);
      }
      return next;
    });
    setDuplicates(skipped);
  };
  const { uploads, add, cancel, retry } = usePhotoUploads({ dealer, maxUploadBytes, onUploaded });

  const ids = sortableIds(images);
  const position = (id: UniqueIdentifier) => ids.indexOf(String(id)) + 1;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("photoPickedUp", { n: position(active.id), total: ids.length }),
    onDragOver: ({ active, over }) => (over ? t("photoOver", { n: position(active.id), to: position(over.id), total: ids.length }) : undefined),
    onDragEnd: ({ active, over }) => (over ? t("photoMoved", { to: position(over.id), total: ids.length }) : t("photoMoveCancelled", { n: position(active.id) })),
    onDragCancel: ({ active }) => t("photoMoveCancelled", { n: position(active.id) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const [from, to] = [ids.indexOf(String(active.id)), ids.indexOf(String(over.id))];
    change((current) => arrayMove(current, from, to));
  };
  const move = (from: number, to: number) => {
    change((current) => arrayMove(current, from, to));
    setAnnouncement(to === 0 ? t("photoIsCover") : t("photoMoved", { to: to + 1, total: images.length }));
  };

  const addAddress = () => {
    const url = address.trim();
    const ok = /^https?:\/\/\S+$/.test(url);
    setAddressError(ok ? null : t("imageAddress"));
    if (!ok) return;
    change((current) => [...current, url]);
    setAddress("");
  };

  const onDrop = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes("Files")) return;
    e.preventDefault();
    setDropping(false);
    if (!disabled) add(Array.from(e.dataTransfer.files));
  };
  const pickerId = useId();
  const cameraId = useId();

  return (
    <div>
      <p className="mb-3 text-sm text-slate-500">{t("photosHint")}</p>
      {!disabled && (
        <div
          data-testid="photo-dropzone"
          onDragOver={(e) => { if (e.dataTransfer.types.includes("Files")) { e.preventDefault(); setDropping(true); } }}
          onDragLeave={() => setDropping(false)}
          onDrop={onDrop}
          className={`mb-4 flex flex-col items-center gap-3 rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm ${dropping ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-slate-50"}`}
        >
          <p className="hidden text-slate-600 sm:block">{t("photoDrop")}</p>
          <div className="flex flex-wrap justify-center gap-2">
            {/* On a phone the camera comes first: that is how dealers photograph a car on the lot. */}
            <label htmlFor={cameraId} className="inline-flex cursor-pointer items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white focus-within:ring-2 focus-within:ring-brand-600 focus-within:ring-offset-2 hover:bg-brand-700 sm:hidden">
              {t("photoCamera")}
              <input id={cameraId} type="file" accept="image/*" capture="environment" multiple className="sr-only" onChange={(e) => { add(Array.from(e.target.files ?? [])); e.target.value = ""; }} />
            </label>
            <label htmlFor={pickerId} className="inline-flex cursor-pointer items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 focus-within:ring-2 focus-within:ring-brand-600 focus-within:ring-offset-2 hover:bg-slate-50">
              <span className="sm:hidden">{t("photoGallery")}</span>
              <span className="hidden sm:inline">{t("photoChoose")}</span>
              <input id={pickerId} type="file" accept={ACCEPT} multiple className="sr-only" data-testid="photo-input" onChange={(e) => { add(Array.from(e.target.files ?? [])); e.target.value = ""; }} />
            </label>
          </div>
          <p className="text-xs text-slate-500">{t("photoFormats", { maxMb: Math.floor(maxUploadBytes / 1024 / 1024) })}</p>
        </div>
      )}

      {duplicates > 0 && <p role="status" className="mb-3 text-sm text-amber-800">{t("photoDuplicates", { count: duplicates })}</p>}
      {uploads.length > 0 && (
        <ul className="mb-4 space-y-2" aria-label={t("photoUploads")}>
          {uploads.map((u) => <UploadRow key={u.key} upload={u} onCancel={() => cancel(u.key)} onRetry={() => retry(u.key)} />)}
        </ul>
      )}

      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("photoDragInstructions") } }}>
        <SortableContext items={ids} strategy={verticalListSortingStrategy}>
          <ol className="space-y-2" aria-label={t("photosOrder")}>
            {images.map((url, index) => (
              <PhotoRow key={ids[index]} id={ids[index]} url={url} index={index} count={images.length} disabled={disabled}
                onMove={move} onRemove={() => { change((current) => current.filter((_, i) => i !== index)); setAnnouncement(t("photoRemoved", { n: index + 1 })); }} />
            ))}
            {images.length === 0 && <li className="text-sm text-slate-500">{t("noPhotos")}</li>}
          </ol>
        </SortableContext>
      </DndContext>
      <p className="sr-only" aria-live="polite" role="status">{announcement}</p>

      {!disabled && (
        <div className="mt-4 flex flex-wrap items-start gap-2">
          <div className="min-w-0 flex-1 basis-56">
            <TextField label={t("photoAddress")} placeholder="https://…/photo.jpg" value={address} onChange={(e) => setAddress(e.target.value)}
              hint={t("photoAddressHint")}
              onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); addAddress(); } }} error={addressError ?? undefined} />
          </div>
          <Button variant="secondary" className="mt-6" onClick={addAddress}>{t("addPhoto")}</Button>
        </div>
      )}
    </div>
  );
}

function UploadRow({ upload, onCancel, onRetry }: { upload: Upload; onCancel: () => void; onRetry: () => void }) {
  const t = useTranslations("editor");
  const tp = useTranslations("photos.errors");
  const percent = Math.round(upload.progress * 100);
  const failed = upload.state === "failed";
  let why = "";
  if (failed && upload.error) {
    const { code, details } = upload.error;
    const known = ["empty", "too_large", "not_an_image", "unsupported_format", "too_many_pixels", "corrupt_image", "timeout", "busy", "storage_unavailable", "not_found", "cross_site"] as const;
    if ((known as readonly string[]).includes(code)) {
      why = tp(code as (typeof known)[number], {
        maxMb: Math.floor(Number(details.maxBytes ?? 0) / 1024 / 1024),
        format: String(details.format ?? "").toUpperCase(),
        maxMegapixels: Number(details.maxMegapixels ?? 0),
        listings: Number(details.listings ?? 0),
      });
    } else why = code === "signed_out" ? t("photoSignedOut") : t("photoNetwork");
  }
  return (
    <li className={`rounded-md border px-3 py-2 text-sm ${failed ? "border-red-200 bg-red-50" : "border-slate-200 bg-white"}`} data-testid="upload-row">
      <div className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate font-medium" data-verbatim>{upload.file.name}</span>
        {failed && RETRYABLE.has(upload.error?.code ?? "") && <Button size="sm" variant="secondary" onClick={onRetry}>{t("photoRetry")}</Button>}
        <Button size="sm" variant="ghost" onClick={onCancel} aria-label={failed ? t("photoDismissNamed", { name: upload.file.name }) : t("photoCancelNamed", { name: upload.file.name })}>
          {failed ? t("photoDismiss") : t("photoCancel")}
        </Button>
      </div>
      {failed ? (
        <p role="alert" className="mt-1 text-red-800">{why}</p>
      ) : (
        <div className="mt-1 flex items-center gap-2">
          <progress className="h-2 flex-1 accent-brand-600" max={100} value={upload.state === "queued" ? 0 : percent} aria-label={t("photoProgress", { name: upload.file.name })} />
          <span className="w-28 text-right text-xs text-slate-600">
            {upload.state === "queued" ? t("photoWaiting") : percent < 100 ? t("photoSending", { percent }) : t("photoProcessing")}
          </span>
        </div>
      )}
    </li>
  );
}

function PhotoRow({ id, url, index, count, disabled, onMove, onRemove }: {
  id: string; url: string; index: number; count: number; disabled?: boolean; onMove: (from: number, to: number) => void; onRemove: () => void;
}) {
  const t = useTranslations("editor");
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled });
  const thumbnail = thumbnailUrlOf(url, "grid");
  const n = index + 1;
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Transform.toString(transform), transition }} data-testid="image-row" data-url={url}
      className={`flex items-center gap-2 rounded-md border bg-white p-1.5 text-sm ${isDragging ? "relative z-10 border-brand-600 shadow-lg" : "border-slate-200"}`}>
      {!disabled && (
        <button type="button" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={t("photoDrag", { n, total: count })}
          className="flex h-10 w-7 shrink-0 cursor-grab touch-none items-center justify-center rounded text-slate-500 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600">
          <span aria-hidden>⠿</span>
        </button>
      )}
      <div className="relative shrink-0">
        <CarThumbnail url={url} alt={t("photoAlt", { n })} className="h-16 w-24" />
        {index === 0 && <span className="absolute left-1 top-1 rounded bg-brand-600 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-white">{t("photoCover")}</span>}
      </div>
      <div className="min-w-0 flex-1">
        <p className="text-xs font-medium text-slate-700">{t("photoNumber", { n, total: count })}</p>
        {!thumbnail && <p className="truncate font-mono text-xs text-slate-500" title={url} data-verbatim>{url}</p>}
        {!disabled && index > 0 && (
          <button type="button" className="mt-1 text-xs text-brand-700 underline" onClick={() => onMove(index, 0)} aria-label={t("photoMakeCoverNamed", { n })}>{t("photoMakeCover")}</button>
        )}
      </div>
      {!disabled && (
        <div className="flex shrink-0 items-center">
          <Button size="sm" variant="ghost" className="h-9 w-9 !px-0" aria-label={t("photoUp", { n })} disabled={index === 0} onClick={() => onMove(index, index - 1)}><span aria-hidden>↑</span></Button>
          <Button size="sm" variant="ghost" className="h-9 w-9 !px-0" aria-label={t("photoDown", { n })} disabled={index === count - 1} onClick={() => onMove(index, index + 1)}><span aria-hidden>↓</span></Button>
          <Button size="sm" variant="ghost" className="h-9 w-9 !px-0 text-red-700" aria-label={t("photoRemove", { n })} onClick={onRemove}><span aria-hidden>✕</span></Button>
        </div>
      )}
    </li>
  );
}
