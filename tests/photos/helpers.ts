/** Shared by the photo API tests: an upload over HTTP, and sending a body that never ends. */
import http from "node:http";

export async function upload(origin: string, dealer: string, body: Buffer | string, contentType = "image/jpeg") {
  const response = await fetch(`${origin}/api/d/${dealer}/photos`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers: { "content-type": contentType } });
  return { status: response.status, json: (await response.json()) as any };
}

/**
 * POSTs a chunked body of `chunkSize` chunks, written only as fast as the server reads them (the
 * socket's back-pressure), until the server answers or `limit` bytes are written. Tells how
 * many bytes the server let in before answering.
 */
export function streamUntilAnswered(url: string, { chunkSize = 64 * 1024, limit = 64 * 1024 * 1024 } = {}) {
  return new Promise<{ status: number; body: any; bytesWritten: number }>((resolve, reject) => {
    let bytesWritten = 0;
    let answered = false;
    const chunk = Buffer.alloc(chunkSize, 0xab);
    chunk.set([0xff, 0xd8, 0xff, 0xe0]); // starts like a JPEG, so only its size can refuse it
    const request = http.request(url, { method: "POST", headers: { "content-type": "image/jpeg", "transfer-encoding": "chunked" } }, (response) => {
      answered = true;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (d) => (text += d));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text), bytesWritten });
      });
    });
    request.on("error", (e) => (answered ? undefined : reject(e)));
    const pump = () => {
      while (!answered && bytesWritten < limit) {
        bytesWritten += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}
