// The emulator's HTTP plumbing around its routes: one request log entry per answered request
// (admin routes left out; the upload token redacted; a refusal's code and message kept), errors answered as Genesys's JSON error (a
// bug in the emulator as a 500 that keeps the server serving), malformed HTTP as 400, keep-alive
// longer than the clients', and the listen on 127.0.0.1 only.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, errorBody, sendError, sendJson } from "./http";
import type { RequestContext } from "./requestGate";
import type { RequestLog } from "./requestLog";

export type RouteFn = (req: http.IncomingMessage, res: http.ServerResponse, ctx: RequestContext) => Promise<void>;

/** A server answering every request with `route`, logged into `requestLog`. */
export function createEmulatorServer(route: RouteFn, requestLog: RequestLog): http.Server {
  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const timestamp = new Date().toISOString();
    const ctx: RequestContext = { operation: "unknown", admin: false };
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    res.on("finish", () => {
      if (ctx.admin) return;
      requestLog.add({
        timestamp,
        method: req.method ?? "",
        path: q >= 0 ? rawUrl.slice(0, q) : rawUrl,
        // The upload token is a credential: never logged.
        query: q >= 0 ? rawUrl.slice(q + 1).replace(/(^|&)uploadToken=[^&]*/g, "$1uploadToken=REDACTED") : "",
        operation: ctx.operation,
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        ...(ctx.fault ? { fault: ctx.fault } : {}),
        ...(ctx.refused ? { refused: ctx.refused } : {}),
      });
    });
    route(req, res, ctx).catch((err: unknown) => {
      if (err instanceof ApiError) {
        ctx.refused = { code: err.code, message: err.message };
        sendError(res, err);
      } else {
        // A bug in the emulator: answer JSON and keep serving.
        sendJson(
          res,
          500,
          errorBody(500, "internal.server.error", `Emulator internal error: ${(err as Error)?.message ?? String(err)}`),
        );
      }
      if (!req.complete) req.resume();
    });
  });
  // Idle keep-alive connections outlive the clients' own idle timeout (undici, under Node's fetch,
  // drops them after 4 s): a server closing one at 5 s while a busy client reuses it made the
  // request fail with ECONNRESET on loaded machines.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("clientError", (_err, socket) => {
    if (socket.writable) {
      const body = JSON.stringify(errorBody(400, "bad.request", "Malformed HTTP request"));
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    } else {
      socket.destroy();
    }
  });
  return server;
}

/** Listen on 127.0.0.1 (port 0: an ephemeral one); the port it got. */
export async function listenLoopback(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
