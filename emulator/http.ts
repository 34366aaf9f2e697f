import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";

/** An error answered as JSON `{ message, code, status }` (the Genesys error shape). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A 400 bad.request: what the request asks is not valid (`message` says why). */
export const badRequest = (message: string): ApiError => new ApiError(400, "bad.request", message);

/** A 404 not.found (`message` says what was not found; `headers` of the answer besides). */
export const notFound = (message: string, headers: Record<string, string> = {}): ApiError =>
  new ApiError(404, "not.found", message, headers);

/** A 405 method.not.allowed naming the methods the path takes, also in its Allow header (`headers` besides). */
export const notAllowed = (
  method: string,
  allowed: readonly string[],
  headers: Record<string, string> = {},
): ApiError =>
  new ApiError(405, "method.not.allowed", `${method} is not allowed here (allowed: ${allowed.join(", ")})`, {
    allow: allowed.join(", "),
    ...headers,
  });

/** A 409 general.conflict: the request conflicts with what is there (`message` says with what). */
export const conflict = (message: string): ApiError => new ApiError(409, "general.conflict", message);

/** The 409 of a write naming another version of `what` than the current one (optimistic locking). */
export const staleVersion = (what: string, given: unknown, current: unknown): ApiError =>
  conflict(
    `The version of the ${what} supplied (${String(given)}) does not match the current version (${String(current)})`,
  );

export function errorBody(status: number, code: string, message: string): Record<string, unknown> {
  return { message, code, status, messageParams: {}, contextId: randomUUID(), details: [], errors: [] };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: ApiError): void {
  sendJson(res, err.status, errorBody(err.status, err.code, err.message), err.headers);
}

/**
 * Read the whole request body, refusing more than `maxBytes` (413). The rest of an oversized
 * body is drained without buffering so the connection can answer cleanly.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      reject(tooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on("error", (err) => {
      if (!failed) {
        failed = true;
        reject(err);
      }
    });
  });
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, "request.entity.too.large", `The request body exceeds the limit of ${maxBytes} bytes`);
}

/** Parse a JSON body; an empty body is `undefined`; malformed JSON is a 400. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`Malformed JSON body: ${(err as Error).message}`);
  }
}

/**
 * Split a raw request target into decoded path segments and the query string. Rejects dot
 * segments, encoded slashes/backslashes and undecodable escapes (path traversal) with 400.
 */
export function splitTarget(rawUrl: string) {
  const q = rawUrl.indexOf("?");
  const rawPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  const rawQuery = q >= 0 ? rawUrl.slice(q + 1) : "";
  if (!rawPath.startsWith("/")) throw badRequest("The request path must start with /");
  const segments: string[] = [];
  const rawSegments = rawPath.split("/").slice(1);
  for (let i = 0; i < rawSegments.length; i++) {
    const raw = rawSegments[i];
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      throw badRequest("The request path contains an invalid escape sequence");
    }
    if (seg === "." || seg === ".." || seg.includes("/") || seg.includes("\\") || seg.includes("\u0000")) {
      throw badRequest("The request path contains a forbidden segment");
    }
    if (seg === "" && i !== rawSegments.length - 1) {
      throw badRequest("The request path contains an empty segment");
    }
    if (seg !== "") segments.push(seg);
  }
  let query: URLSearchParams;
  try {
    query = new URLSearchParams(rawQuery);
  } catch {
    throw badRequest("The query string is invalid");
  }
  return { path: rawPath, segments, query, rawQuery };
}

/** An integer query parameter within [min, max] (400 otherwise); `fallback` when absent. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw badRequest(`Query parameter ${name} must be an integer between ${min} and ${max}`);
  }
  return n;
}

/** The values of a parameter: repeated or comma-separated (Swagger's `array` of csv), blanks dropped. */
export function listValues(query: URLSearchParams, param: string): string[] {
  return query
    .getAll(param)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}
