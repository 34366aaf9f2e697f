// A no-op without the engine (issue 78.3): the reads behind run/noopDecision.ts, and the
// fingerprint a successful `up` of the command line leaves in .work/noop/<stack>.json (git-ignored,
// inside the project) for the next run. The state is read straight from the project's own file
// backend or a PostgreSQL one (org/fileBackendState.ts); any other backend is a doubt, and the
// engine runs. Another machine's up in between changes the state: a doubt too. The org is read
// once: the stack's flows, 50 a request (org/flows.ts readFlows), and its routing objects, one list
// per kind it deployed (org/routing.ts), through the run's one sign-in.
// Starting the engine costs seconds and grows with the stack; these reads are milliseconds plus
// one request per 50 flows.
import { intendedInputs } from "../verify/people/routingChanges";
import { differingFields, fieldDigests } from "../planner/routingRecord";
import * as fs from "node:fs";
import { isToolRoot, toolRoot } from "../project/root";
import { programSources } from "../project/teamProgram";
import { TEAM_RECORD } from "../project/teamRepository";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { readFlowSources } from "../project/flowFiles";
import { readRoutingSources } from "../project/routingFiles";
import { stackFileName } from "../project/stackFile";
import { pulumiProjectName, readBackendExport, stateBackendUrl } from "../org/fileBackendState";
import { readFlows } from "../org/flows";
import type { OrgFlow } from "../org/model";
import { parseStackExport } from "../org/stackExport";
import type { DeployedRouting } from "../org/model";
import { sha256 } from "../planner/revisions";
import { readRoutingObjects } from "../org/routing";
import {
  flagDoubt,
  localDoubt,
  orgDoubt,
  routingDoubt,
  stateFlows,
  type NoopFingerprint,
  type NoopFlags,
} from "./noopDecision";
import type { StackRun } from "./stackRun";

export const NOOP_DIR = ".work/noop";
const PACKAGES = "the packages and the toolchain (package-lock.json, genesys-flows.json, tools/toolchain/versions.env)";

const digest = (parts: ReadonlyArray<string | undefined>): string => {
  const h = createHash("sha256");
  for (const p of parts) h.update(`${p === undefined ? "-" : `+${p.length}:${p}`}\n`);
  return h.digest("hex");
};

/** A file's text, or undefined when it does not read. */
export const readOrUndefined = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/**
 * The SHA-256 of each group of what a run's plan and the engine's diff are computed from, by the
 * name a doubt gives it. Throws when the flow or routing files do not read (the engine says why).
 */
export function inputDigests(
  root: string,
  sourcesRoot: string,
  stack: string,
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const sources = (list: ReadonlyArray<{ file: string; text: string }>) =>
    digest(list.flatMap((s) => [s.file, s.text]));
  const provider = Object.keys(env)
    .filter((k) => k.startsWith("GENESYSCLOUD_") || k === "GENESYS_FLOWS_CONFIG")
    .sort();
  // genesys-flows.json: a run checks it agrees with the installed version (run/guards/versions.ts).
  const packages = [path.join(root, "package-lock.json"), path.join(root, TEAM_RECORD)];
  packages.push(path.join(toolRoot(), "tools/toolchain/versions.env"));
  return {
    "the flow files": sources(readFlowSources(sourcesRoot)),
    "the routing files": sources(readRoutingSources(sourcesRoot)),
    [`the stack file ${stackFileName(stack)}`]: digest([readOrUndefined(path.join(sourcesRoot, stackFileName(stack)))]),
    "Pulumi.yaml": digest([readOrUndefined(path.join(root, "Pulumi.yaml"))]),
    [`the policy config policies/config/${stack}.json`]: digest([
      readOrUndefined(path.join(root, "policies", "config", `${stack}.json`)),
    ]),
    [PACKAGES]: digest(packages.map(readOrUndefined)),
    "the provider's environment (GENESYSCLOUD_*)": digest(provider.flatMap((k) => [k, env[k]])),
    // A team's index.ts, components/ and what they import: its own resources (the tool's are its build id).
    ...(isToolRoot(root)
      ? {}
      : { "the program (index.ts, components/ and what they import)": sources(programSources(root)) }),
  };
}

const fingerprintFile = (root: string, stack: string) =>
  path.join(root, NOOP_DIR, `${stack.replace(/[^A-Za-z0-9._-]/g, "_")}.json`);

function readFingerprint(root: string, stack: string): NoopFingerprint | undefined {
  try {
    const f = JSON.parse(fs.readFileSync(fingerprintFile(root, stack), "utf8")) as NoopFingerprint;
    return f.format === 1 && f.stack === stack && Array.isArray(f.flows) ? f : undefined;
  } catch {
    return undefined;
  }
}

/** The state's export text read straight from its backend, or undefined (another backend: the engine's). */
async function backendState(run: StackRun, backendUrl: string | undefined): Promise<string | undefined> {
  const project = pulumiProjectName(run.root);
  if (project === undefined) return undefined;
  return readBackendExport({ backendUrl, root: run.root, project, stack: run.stack });
}

export interface NoopOptions {
  /** The build id (undefined from the sources: never a fast answer). */
  code: string | undefined;
  env: NodeJS.ProcessEnv;
}

/** The answer, with the input digests when they were read (what an `up` then records). */
export type FastAnswer = ({ noop: true; outputs: Record<string, unknown> } | { noop: false; doubt: string }) & {
  inputs?: Record<string, string>;
};

/** Whether nothing `run` deploys can have changed, read without the engine; else the doubt. */
export async function fastNoop(
  run: StackRun,
  options: NoopOptions & { flags: NoopFlags; fast?: boolean },
): Promise<FastAnswer> {
  let inputs: Record<string, string> | undefined;
  const no = (doubt: string): FastAnswer => ({ noop: false, doubt, ...(inputs ? { inputs } : {}) });
  if (run.source.rollbackOf !== undefined) return no("a rollback deploys a release's sources");
  try {
    inputs = inputDigests(run.root, run.source.sourcesRoot, run.stack, options.env);
  } catch (e) {
    return no(`the sources do not read (${(e as Error).message.split("\n")[0]})`);
  }
  if (options.fast === false) return no("--no-fast");
  const flag = flagDoubt(options.flags);
  if (flag !== undefined) return no(flag);
  let local: ReturnType<typeof localDoubt>;
  const backendUrl = stateBackendUrl(run.root, run.stack, options.env);
  const stateText = await backendState(run, backendUrl);
  try {
    local = localDoubt({
      stack: run.stack,
      code: options.code,
      backend: backendUrl && sha256(backendUrl),
      inputs,
      recorded: readFingerprint(run.root, run.stack),
      stateText,
      compiledHash: (file) => {
        try {
          return createHash("sha256")
            .update(fs.readFileSync(path.join(run.root, file)))
            .digest("hex");
        } catch {
          return undefined;
        }
      },
    });
  } catch (e) {
    return no(`the state does not read here (${(e as Error).message.split("\n")[0]})`);
  }
  if ("doubt" in local) return no(local.doubt);
  // An acknowledgement is judged against the org as it is now (the people guard says when one
  // covers nothing any more): the engine runs while the stack file has any.
  const acknowledged = Object.keys(run.settings().acknowledge).sort();
  if (acknowledged.length > 0)
    return no(
      `the stack file acknowledges people's changes (${acknowledged.join(", ")}): the people guard judges them against the org`,
    );
  let org: Map<string, OrgFlow>;
  try {
    const { api } = await run.connection();
    org = await readFlows(
      api,
      local.deployment.flows.map((f) => f.flowId),
    );
  } catch (e) {
    return no(`the org could not be read (${(e as Error).message.split("\n")[0]})`);
  }
  let doubt = orgDoubt(local, org);
  if (doubt === undefined && (local.deployment.routing ?? []).length > 0) {
    try {
      doubt = routingDoubt(
        local,
        await readRoutingObjects(
          (await run.connection()).api,
          local.deployment.routing!.map((r) => r.kind),
        ),
      );
    } catch (e) {
      doubt = `the org's routing objects could not be read (${(e as Error).message.split("\n")[0]})`;
    }
  }
  if (doubt !== undefined) return no(doubt);
  run.unchangedFlows = org; // verify after it compares these flows, read a moment ago, instead of reading them again
  return { noop: true, outputs: local.outputs, inputs };
}

/**
 * After a successful `up` of `run`: its fingerprint for the next run, when the inputs read before
 * the engine (`before`) still hash the same, the state reads straight from its backend and records
 * exactly the run's planned flows and revisions (another run in between records nothing). Returns
 * why nothing was recorded, or undefined. An old fingerprint is removed first either way.
 */
export async function recordFingerprint(
  run: StackRun,
  options: NoopOptions & { before: Readonly<Record<string, string>> },
): Promise<string | undefined> {
  const file = fingerprintFile(run.root, run.stack);
  fs.rmSync(file, { force: true });
  try {
    if (options.code === undefined) return "no precompiled build";
    const inputs = inputDigests(run.root, run.source.sourcesRoot, run.stack, options.env);
    if (JSON.stringify(inputs) !== JSON.stringify(options.before)) return "the sources changed during the run";
    const backendUrl = stateBackendUrl(run.root, run.stack, options.env);
    const text = await backendState(run, backendUrl);
    if (text === undefined || backendUrl === undefined) return "the state does not read straight from its backend";
    const deployment = parseStackExport(run.stack, text).deployment;
    const flows = stateFlows(deployment);
    const planned = run
      .portfolio()
      .flows.map((f) => `${f.id} ${f.revision}`)
      .sort();
    if (
      flows
        .map((f) =>
          f
            .split(" ")
            .filter((_, i) => i !== 1)
            .join(" "),
        )
        .join("\n") !== planned.join("\n")
    )
      return "the state does not record the run's plan";
    // An org object adopted as the org has it (planner/objects/decisions.ts): the next up writes its file's values.
    const intended = intendedInputs(run.routing().objects, deployment);
    const otherwise = (d: DeployedRouting) =>
      differingFields(fieldDigests(d.kind, intended.get(d.id)!), d.fields).length > 0;
    const routing = deployment.routing ?? [];
    const stale = routing.some((d) => intended.has(d.id) && otherwise(d));
    if (stale) return "the state records routing the files say otherwise of";
    const [backend, state] = [sha256(backendUrl), sha256(text)];
    const { stack } = run;
    const fingerprint: NoopFingerprint = { format: 1, stack, code: options.code, backend, inputs, state, flows };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(fingerprint, null, 1));
    fs.renameSync(`${file}.tmp`, file);
    return undefined;
  } catch (e) {
    return (e as Error).message.split("\n")[0];
  }
}
