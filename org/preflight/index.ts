// Preflight of `npm run up|preview|down` on a stack other than `local`: everything the engine and
// the provider would otherwise find out only after minutes (or report as "context deadline
// exceeded"), checked in seconds before anything runs. Pure: env, files and HTTP are injected.
import { stackFileName } from "../../model/stackFile";
import * as path from "node:path";
import type { StackSettings as StackConfig } from "../../planner/stackSettings";
import { checkBackend, checkPassphrase, shownUrl, type Env, type ReadFile } from "./backend";
import type { PreflightProblem } from "../problem";
import { checkReachable } from "../reachability";
import type { Http } from "../http";
import { resolveCredentials, resolveTarget } from "../target";
import { checkPlainSecrets } from "../../checks/secrets";

export { formatProblems, type PreflightProblem } from "../problem";
export { fetchHttp } from "../http";

export interface PreflightInput {
  root: string;
  stack: string;
  config: StackConfig;
}

/** Each reachability request waits at most this long; preflight makes at most two, in sequence. */
export const PREFLIGHT_TIMEOUT_MS = 2500;

export interface PreflightDeps {
  env: Env;
  home: string;
  readFile: ReadFile;
  http: Http;
  /** Per request; two requests at most, so the whole preflight stays well under 10 s. Default 2500. */
  timeoutMs?: number;
}

export interface PreflightResult {
  problems: PreflightProblem[];
  /** What was checked, one line each, for the log. */
  notes: string[];
}

export async function preflight(input: PreflightInput, deps: PreflightDeps): Promise<PreflightResult> {
  const stackFile = stackFileName(input.stack);
  const problems: PreflightProblem[] = [];
  const notes: string[] = [];

  const { backend, problems: backendProblems } = checkBackend(input, deps);
  problems.push(...backendProblems);
  if (backend && backendProblems.length === 0) {
    notes.push(`backend: ${shownUrl(backend.url)} (${backend.source})`);
    const stackFileText = deps.readFile(path.join(input.root, stackFile)) ?? "";
    problems.push(...checkPassphrase({ stack: input.stack, stackFile, stackFileText, backend }, deps));
  }

  // A secret in plain text is refused whatever else holds (checks/secrets.ts: the check lint and the policy pack run too).
  const text = deps.readFile(path.join(input.root, stackFile));
  if (text !== undefined) {
    for (const f of checkPlainSecrets({ name: stackFile, text }, input.stack))
      problems.push({ check: "credentials", message: `${stackFile}:${f.line}: ${f.message}`, fix: f.fix ?? "" });
  }

  const { credentials, problems: credentialProblems } = resolveCredentials({ ...input, stackFile }, deps);
  problems.push(...credentialProblems);
  const { target, problems: targetProblems } = resolveTarget({ ...input, stackFile }, deps);
  problems.push(...targetProblems);

  // Reach the org only once everything else is right: one report, every local problem at once.
  if (problems.length > 0 || !credentials || !target) return { problems, notes };
  const proxy = deps.env.HTTPS_PROXY || deps.env.https_proxy;
  if (proxy && target.apiBase.startsWith("https:")) {
    notes.push(`org: not probed (HTTPS_PROXY is set; the provider uses it, this check cannot)`);
    return { problems, notes };
  }
  const reach = await checkReachable(
    { stack: input.stack, stackFile, target, credentials, timeoutMs: deps.timeoutMs ?? PREFLIGHT_TIMEOUT_MS },
    deps,
  );
  problems.push(...reach.problems);
  if (reach.problems.length === 0)
    notes.push(`org: ${reach.org ? `"${reach.org}" at ` : ""}${target.description} answers`);
  return { problems, notes };
}
