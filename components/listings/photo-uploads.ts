"use client";
/**
 * Uploading photos to `/api/d/{dealer}/photos`, one XHR per file (fetch has no upload progress),
 * two at a time. Finished photos are handed over in the order the dealer chose the files, whatever
 * order the server finishes them in, so the car's photo order is the order they were picked.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export type UploadState = "queued" | "uploading" | "done" | "failed";

export interface Upload {
  key: number;
  file: File;
  state: UploadState;
  /** 0–1 of the bytes sent; processing on the server follows the last byte. */
  progress: number;
  url?: string;
  /** The API's error code and its details (`photos.errors.<code>`), or `network`. */
  error?: { code: string; details: Record<string, unknown> };
}

const PARALLEL = 2;

/** What the server answered, as an error code or the photo's URL. */
function readAnswer(xhr: XMLHttpRequest): { url: string } | { code: string; details: Record<string, unknown> } {
  let body: unknown = null;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    /* not JSON: judged by status below */
  }
  if (xhr.status >= 200 && xhr.status < 300 && body && typeof (body as { url?: unknown }).url === "string") return { url: (body as { url: string }).url };
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  if (error && typeof error.code === "string") {
    const { code, ...details } = error as { code: string } & Record<string, unknown>;
    return { code, details };
  }
  return { code: xhr.status === 401 ? "signed_out" : "network", details: {} };
}

export function usePhotoUploads({ dealer, maxUploadBytes, onUploaded }: { dealer: string; maxUploadBytes: number; onUploaded: (urls: string[]) => void }) {
  // The uploads live in a ref that XHR callbacks change; the state is a copy for rendering.
  const store = useRef<Upload[]>([]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const requests = useRef(new Map<number, XMLHttpRequest>());
  const nextKey = useRef(1);
  const onUploadedRef = useRef(onUploaded);
  useEffect(() => {
    onUploadedRef.current = onUploaded;
  });

  const pumpRef = useRef<() => void>(() => {});
  const update = useCallback((key: number, change: Partial<Upload>) => {
    store.current = store.current.map((u) => (u.key === key ? { ...u, ...change } : u));
    pumpRef.current();
  }, []);

  const start = useCallback((upload: Upload) => {
    const xhr = new XMLHttpRequest();
    requests.current.set(upload.key, xhr);
    xhr.open("POST", `/api/d/${encodeURIComponent(dealer)}/photos`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) update(upload.key, { progress: e.loaded / e.total });
    };
    xhr.onload = () => {
      requests.current.delete(upload.key);
      const answer = readAnswer(xhr);
      if ("url" in answer) update(upload.key, { state: "done", progress: 1, url: answer.url });
      else update(upload.key, { state: "failed", error: answer });
    };
    xhr.onerror = () => {
      requests.current.delete(upload.key);
      update(upload.key, { state: "failed", error: { code: "network", details: {} } });
    };
    xhr.send(upload.file);
  }, [dealer, update]);

  /** Starts queued uploads while fewer than PARALLEL are on their way, hands over finished ones, renders. */
  const pump = useCallback(() => {
    let running = store.current.filter((u) => u.state === "uploading").length;
    const starting: Upload[] = [];
    store.current = store.current.map((u) => {
      if (running >= PARALLEL || u.state !== "queued") return u;
      running++;
      const next: Upload = { ...u, state: "uploading", progress: 0 };
      starting.push(next);
      return next;
    });
    starting.forEach(start);
    // In the order chosen: a finished photo waits while one chosen before it is still on its way.
    const ready: Upload[] = [];
    for (const u of store.current) {
      if (u.state === "done") ready.push(u);
      else if (u.state !== "failed") break;
    }
    if (ready.length > 0) {
      store.current = store.current.filter((u) => !ready.includes(u));
      onUploadedRef.current(ready.map((u) => u.url!));
    }
    setUploads(store.current.map((u) => ({ ...u })));
  }, [start]);
  useEffect(() => {
    pumpRef.current = pump;
  }, [pump]);

  const add = useCallback((files: Iterable<File>) => {
    for (const file of files) {
      const key = nextKey.current++;
      // Checked here so a phone does not send 30 MB only to hear "too large"; the server checks again.
      if (file.size > maxUploadBytes) store.current.push({ key, file, state: "failed", progress: 0, error: { code: "too_large", details: { maxBytes: maxUploadBytes } } });
      else if (file.size === 0) store.current.push({ key, file, state: "failed", progress: 0, error: { code: "empty", details: {} } });
      else store.current.push({ key, file, state: "queued", progress: 0 });
    }
    pump();
  }, [maxUploadBytes, pump]);

  /** Stops an upload on its way (the server reads no further), or forgets a failed one. */
  const cancel = useCallback((key: number) => {
    requests.current.get(key)?.abort();
    requests.current.delete(key);
    store.current = store.current.filter((u) => u.key !== key);
    pump();
  }, [pump]);

  const retry = useCallback((key: number) => update(key, { state: "queued", progress: 0, error: undefined }), [update]);

  // Leaving the editor stops what is still being sent.
  useEffect(() => {
    const open = requests.current;
    return () => open.forEach((xhr) => xhr.abort());
  }, []);

  return { uploads, add, cancel, retry };
}
