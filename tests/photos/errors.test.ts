/** Every refusal code the photo API answers with has a message in the catalogs (the UI shows it). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { PHOTO_ERROR_STATUS } from "@/lib/photos/errors";

test("each photo error code has a message in every language", () => {
  for (const language of ["en", "nl", "fr", "sv"]) {
    const catalog = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../messages", `${language}.json`), "utf8"));
    for (const code of [...Object.keys(PHOTO_ERROR_STATUS), "cross_site"]) {
      expect(catalog.photos.errors[code], `${language}: photos.errors.${code}`).toEqual(expect.any(String));
    }
  }
});
