/** Response helpers with Django REST Framework's default bodies (blocket.md §2.1.1, G-ERR). */
import type { FieldErrors } from "./validate";

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export const notFound = () => json({ detail: "Not found." }, 404);
export const forbidden = () => json({ detail: "You do not have permission to perform this action." }, 403);
export const fieldErrors = (tree: FieldErrors) => json(tree, 400);
export const nonFieldErrors = (messages: string[]) => json(messages, 400);
export const methodNotAllowed = (method: string) => json({ detail: `Method "${method}" not allowed.` }, 405);

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads a JSON object body, or the DRF error a real server would answer. */
export async function readJsonObject(req: Request): Promise<Record<string, unknown> | Response> {
  const contentType = req.headers.get("content-type") ?? "";
  let text: string;
  try {
    text = await req.text();
  } catch {
    return json({ detail: "JSON parse error - could not read the request body" }, 400);
  }
  if (text.trim() === "") return {};
  if (!/application\/(.+\+)?json/i.test(contentType)) return json({ detail: `Unsupported media type "${contentType}" in request.` }, 415);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return json({ detail: `JSON parse error - ${(err as Error).message}` }, 400);
  }
  if (!isObject(parsed)) {
    const got = Array.isArray(parsed) ? "list" : parsed === null ? "NoneType" : typeof parsed === "string" ? "str" : typeof parsed === "number" ? "int" : "bool";
    return json({ non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] }, 400);
  }
  return parsed;
}
