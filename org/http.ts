// The transport every request to the org goes through: one request, one answer (status, body,
// headers), or a rejection with a readable reason when there is none in time. Injectable, so the
// client, the sign-in and the reachability probe are tested without a network; `fetchHttp` is
// the real one (Node's fetch with a hard timeout).

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Follow redirects (downloads); by default a redirect is an answer like any other. */
  followRedirects?: boolean;
}

export interface HttpResponse {
  status: number;
  body: string;
  /** Lower-case names; absent from hand-made answers. */
  headers?: Readonly<Record<string, string>>;
}

/** Resolves with any HTTP answer; rejects (with a readable message) when there is none in time. */
export type Http = (req: HttpRequest) => Promise<HttpResponse>;

/** A transport over a fetch implementation (Node's by default). */
export function httpOver(fetchImpl: typeof fetch = fetch): Http {
  return async (req) => {
    try {
      const res = await fetchImpl(req.url, {
        method: req.method,
        headers: req.headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
        redirect: req.followRedirects ? "follow" : "manual",
        signal: AbortSignal.timeout(req.timeoutMs),
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: res.status, body: await res.text(), headers };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      if (err.name === "TimeoutError" || err.name === "AbortError")
        throw new Error(`no answer within ${req.timeoutMs / 1000}s`);
      throw new Error(err.cause?.code ?? err.cause?.message ?? err.message);
    }
  };
}

/** The real client: Node's fetch with a hard timeout. */
export const fetchHttp: Http = (req) => httpOver(fetch)(req);
