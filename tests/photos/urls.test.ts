/** Photo URLs: recognising ours, thumbnails, and whether a marketplace could fetch them. */
import { describe, expect, test } from "vitest";
import { parsePhotoUrl, publicReachability, thumbnailUrlOf } from "@/lib/photos/urls";
import { sniffImage } from "@/lib/photos/sniff";

const SHA = "a".repeat(64);

describe("our photo URLs", () => {
  test("are recognised under any host they were issued at; others are not ours", () => {
    expect(parsePhotoUrl(`https://photos.forecourt.example/cmdealer1/${SHA}.jpg`)).toEqual({ dealerId: "cmdealer1", sha256: SHA });
    expect(parsePhotoUrl(`http://localhost:3000/media/photos/cmdealer1/${SHA}.jpg`)).toEqual({ dealerId: "cmdealer1", sha256: SHA });
    expect(parsePhotoUrl("https://cdn.dealer.example/cars/1.jpg")).toBeNull();
    expect(parsePhotoUrl(`https://x.example/d/${SHA}.jpg?v=2`)).toBeNull();
    expect(parsePhotoUrl("not a url")).toBeNull();
  });

  test("thumbnails sit beside the master; a dealer's own URL has none", () => {
    expect(thumbnailUrlOf(`https://p.example/photos/d1/${SHA}.jpg`, "grid")).toBe(`https://p.example/photos/d1/${SHA}_320.jpg`);
    expect(thumbnailUrlOf(`https://p.example/photos/d1/${SHA}.jpg`, "editor")).toBe(`https://p.example/photos/d1/${SHA}_800.jpg`);
    expect(thumbnailUrlOf("https://cdn.dealer.example/cars/1.jpg", "grid")).toBeNull();
  });
});

describe("public reachability (can a marketplace on the internet fetch it?)", () => {
  test.each([
    ["http://localhost:3000/media/photos", "loopback"],
    ["http://127.0.0.1:3000/media/photos", "loopback"],
    ["http://[::1]:3000/m", "loopback"],
    ["http://[::ffff:127.0.0.1]/m", "loopback"],
    ["http://10.1.2.3/m", "private_network"],
    ["http://172.20.0.5/m", "private_network"],
    ["http://192.168.1.10/m", "private_network"],
    ["http://169.254.169.254/latest", "private_network"],
    ["http://[fd12::1]/m", "private_network"],
    ["http://photos/m", "local_name"],
    ["http://nas.local/m", "local_name"],
    ["http://app.localhost/m", "local_name"],
    ["https://img.test/1.jpg", "local_name"],
    ["ftp://photos.example.com/m", "not_http"],
    ["nonsense", "invalid_url"],
  ])("%s is not public (%s)", (url, reason) => {
    expect(publicReachability(url)).toEqual({ public: false, reason });
  });

  test.each(["https://photos.forecourt.be/photos", "https://bucket.s3.eu-north-1.amazonaws.com/photos", "http://203.0.113.7/m", "http://172.32.0.1/m"])("%s is public", (url) => {
    expect(publicReachability(url)).toEqual({ public: true });
  });
});

describe("sniffing the format from the bytes", () => {
  const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
  test("HEIC and AVIF are told apart by their brands; videos are not photos", () => {
    expect(sniffImage(bytes([0, 0, 0, 24], "ftypheic", [0, 0, 0, 0], "mif1heic"))).toEqual({ kind: "accepted", format: "heic" });
    expect(sniffImage(bytes([0, 0, 0, 28], "ftypavif", [0, 0, 0, 0], "avifmif1miaf"))).toEqual({ kind: "accepted", format: "avif" });
    expect(sniffImage(bytes([0, 0, 0, 24], "ftypmp42", [0, 0, 0, 0], "isommp42"))).toEqual({ kind: "unsupported", format: "mp42" });
    expect(sniffImage(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toEqual({ kind: "accepted", format: "webp" });
    expect(sniffImage(bytes("%PDF-1.7"))).toEqual({ kind: "unsupported", format: "pdf" });
    expect(sniffImage(bytes("hello"))).toEqual({ kind: "unknown" });
    expect(sniffImage(new Uint8Array())).toEqual({ kind: "unknown" });
  });
});
