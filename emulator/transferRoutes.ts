// The presigned URLs a publish job and an export job hand out: PUT /uploads/<job> (the Archy file,
// no Authorization header, its own uploadToken) and GET /downloads/<job> (the exported YAML, or a zip
// of several flows, its own downloadToken; or a recorded flow execution's file). On Genesys they point at S3, outside the API (a kept difference).
import type * as http from "node:http";
import type { ExportJobs } from "./exportJobs";
import type { ExecutionData } from "./executions";
import { ApiError, notAllowed, notFound, readBody, sendJson } from "./http";
import type { JobRunner } from "./jobs";
import type { OperationKind } from "./requestLog";

export interface Transfers {
  jobs: JobRunner;
  exportJobs: ExportJobs;
  executions: ExecutionData;
  maxBodyBytes: number;
}

/** Whether a path is a transfer URL (/uploads/<id> or /downloads/<id>). */
export function isTransfer(first: string | undefined, rest: string[]): boolean {
  return (first === "uploads" || first === "downloads") && rest.length === 1;
}

/** Answer a transfer URL; `operation` is told what the request was, for the request log. */
export async function transferRoute(
  t: Transfers,
  first: string,
  id: string,
  method: string,
  query: URLSearchParams,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  operation: (kind: OperationKind) => void,
): Promise<void> {
  if (first === "downloads") {
    // An export job's signed download URL: no Authorization header, its own token.
    if (method !== "GET") throw notAllowed(method, ["GET"]);
    // A recorded flow execution's file (executions.ts), by the execution's id.
    const execution = t.executions.download(id, query.get("downloadToken"));
    if (execution.kind !== "unknown") {
      operation("executions.download");
      if (execution.kind === "forbidden")
        throw new ApiError(
          403,
          "forbidden",
          `The download URL of execution ${id} is not valid (missing or wrong downloadToken)`,
        );
      sendJson(res, 200, JSON.parse(execution.body));
      return;
    }
    operation("export.download");
    const got = t.exportJobs.download(id, query.get("downloadToken"));
    if (got.kind === "unknown") throw notFound(`Download ${id} not found`);
    if (got.kind === "forbidden")
      throw new ApiError(
        403,
        "forbidden",
        `The download URL of export job ${id} is not valid (missing or wrong downloadToken)`,
      );
    res.writeHead(200, { "content-type": got.contentType, "content-length": String(Buffer.byteLength(got.body)) });
    res.end(got.body);
    return;
  }
  operation("job.upload");
  if (method !== "PUT") throw notAllowed(method, ["PUT"], { connection: "close" });
  // Look the job up and check the upload token before reading a byte of the body: an unknown
  // job or a forged URL must not make the server buffer megabytes.
  const check = t.jobs.checkUpload(id, query.get("uploadToken"));
  if (check === "unknown") throw notFound(`Upload target ${id} not found`, { connection: "close" });
  if (check === "forbidden")
    throw new ApiError(403, "forbidden", `The upload URL of job ${id} is not valid (missing or wrong uploadToken)`, {
      connection: "close",
    });
  if (check === "already-uploaded")
    throw new ApiError(409, "conflict", `Job ${id} already received its upload`, { connection: "close" });
  const body = await readBody(req, t.maxBodyBytes);
  const outcome = t.jobs.upload(id, body.toString("utf8"));
  if (outcome === "unknown") throw notFound(`Upload target ${id} not found`);
  if (outcome === "already-uploaded") throw new ApiError(409, "conflict", `Job ${id} already received its upload`);
  sendJson(res, 200, { id, status: "uploaded" });
}
