"use client";
import { useCallback } from "react";
import { useTranslations } from "next-intl";
import { translateMessage, type Translator } from "@/lib/i18n/message";

/** Puts messages from schemas and the server (lib/i18n/message.ts) into the reader's words. */
export function useMessage(): (text: string | null | undefined) => string {
  const t = useTranslations() as unknown as Translator;
  return useCallback((text: string | null | undefined) => translateMessage(t, text), [t]);
}
