"use client";
import { useCallback } from "react";
import { useTranslations } from "next-intl";
import type { Translator } from "@/lib/i18n/message";
import { problemWords, type ProblemLike } from "@/components/listings/problem-words";

/** Problems and warnings in the reader's words, in client components (see problem-words.ts). */
export function useProblemText() {
  const t = useTranslations() as unknown as Translator;
  return useCallback((marketplace: string, p: ProblemLike) => problemWords(t, marketplace, p), [t]);
}
