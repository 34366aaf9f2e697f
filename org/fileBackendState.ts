// The stack's state read straight from the project's own file backend, as `pulumi stack export`
// prints it, without starting the CLI.
//
// `pulumi stack export` on a file backend reads the stack's checkpoint file and prints
// `{ version, features, deployment: checkpoint.latest }` (Pulumi 3.259: backend/diy/backend.go
// ExportDeployment, cmd/pulumi/stack/stack_export.go). Starting the CLI for it costs far more than
// the read, more so as the state grows, and every run of the program reads the state once (an `up`
// twice: its preview and its update). So where the file is certainly the one the
// CLI would read, it is read here:
//   - the backend is a `file://` URL, with no query, to a folder inside the project (the local
//     stack's `.work/state`; nothing outside the repository is read);
//   - the backend's `.pulumi/meta.yaml` says version 1 (stacks under `.pulumi/stacks/<project>/`);
//   - exactly one of `<stack>.json` and `<stack>.json.gz` exists (Pulumi picks the newest of several
//     variants; zstd and the legacy layout are left to it), and it is a version 3 checkpoint with a
//     deployment, or a version 4 one (version 3 with `features`: resource hooks make one) whose
//     features this Pulumi reads.
// Anything else is undefined, and the caller asks the CLI, as before: Pulumi Cloud, S3, a shared
// file backend elsewhere, a stack never deployed.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import * as YAML from "yaml";

export interface FileBackendStack {
  /** PULUMI_BACKEND_URL as the engine got it. */
  backendUrl: string | undefined;
  /** The project's folder: the backend must be inside it. */
  root: string;
  /** The Pulumi project's name (Pulumi.yaml `name`). */
  project: string;
  /** The stack's name: `local`, or `organization/<project>/local`. */
  stack: string;
}

const inside = (dir: string, root: string): boolean => {
  const rel = path.relative(root, dir);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
};

const realOrUndefined = (p: string): string | undefined => {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
};

/** The folder a `file://` backend URL names, when it is one this module reads; else undefined. */
function backendFolder(url: string | undefined, root: string): string | undefined {
  if (url === undefined || !url.startsWith("file://")) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.search !== "" || parsed.hash !== "") return undefined;
  const dir = realOrUndefined(fileURLToPath(parsed));
  const realRoot = realOrUndefined(root);
  return dir !== undefined && realRoot !== undefined && inside(dir, realRoot) ? dir : undefined;
}

/** `local` or `organization/<project>/local` -> the bare stack name, when it is this project's. */
function bareStack(stack: string, project: string): string | undefined {
  const parts = stack.split("/");
  if (parts.length === 1) return parts[0];
  if (parts.length === 3 && parts[0] === "organization" && parts[1] === project) return parts[2];
  return undefined;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/** The backend's folder and the bare stack name, when this module reads that backend for certain. */
function located(input: FileBackendStack): { dir: string; stack: string } | undefined {
  const dir = backendFolder(input.backendUrl, input.root);
  const stack = bareStack(input.stack, input.project);
  return dir === undefined || stack === undefined || !NAME.test(stack) || !NAME.test(input.project) ? undefined : { dir, stack };
}

/**
 * The features a version 4 checkpoint may list that Pulumi 3.259 reads (resource/stack/deployment.go
 * supportedFeatures); it refuses a checkpoint with any other, so such a one is left to it.
 */
const KNOWN_FEATURES = new Set(["refreshBeforeUpdate", "views", "hooks", "taint", "replaceWith", "snippets-prototype", "extensionParameterization", "byteString"]);

/**
 * The text `pulumi stack export --stack <stack>` would print (same content, compact), read from the
 * project's file backend; undefined when it cannot be read here for certain (then ask the CLI).
 */
export function readFileBackendExport(input: FileBackendStack): string | undefined {
  const at = located(input);
  if (at === undefined) return undefined;
  const { dir, stack } = at;
  let meta: unknown;
  try {
    meta = YAML.parse(fs.readFileSync(path.join(dir, ".pulumi", "meta.yaml"), "utf8"));
  } catch {
    return undefined;
  }
  if (typeof meta !== "object" || meta === null || (meta as { version?: unknown }).version !== 1) return undefined;
  const base = path.join(dir, ".pulumi", "stacks", input.project, `${stack}.json`);
  const variants = [base, `${base}.gz`, `${base}.zst`].filter((f) => fs.existsSync(f));
  if (variants.length !== 1 || variants[0].endsWith(".zst")) return undefined;
  let text: string;
  try {
    const bytes = fs.readFileSync(variants[0]);
    text = (variants[0].endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
  } catch {
    return undefined;
  }
  let doc: { version?: unknown; features?: unknown; checkpoint?: { latest?: unknown } };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    return undefined; // the CLI says what is wrong with it
  }
  const latest = doc?.checkpoint?.latest;
  if (typeof latest !== "object" || latest === null || Array.isArray(latest)) return undefined;
  if (doc.version === 3) return JSON.stringify({ version: 3, deployment: latest }) + "\n";
  const features = doc.features;
  if (doc.version !== 4 || !Array.isArray(features) || !features.every((f) => typeof f === "string" && KNOWN_FEATURES.has(f))) return undefined;
  return JSON.stringify({ version: 4, features, deployment: latest }) + "\n";
}

/** Pulumi.yaml's `name` in `root`, or undefined when it cannot be read. */
export function pulumiProjectName(root: string): string | undefined {
  try {
    const doc = YAML.parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { name?: unknown } | null;
    return typeof doc?.name === "string" ? doc.name : undefined;
  } catch {
    return undefined;
  }
}

/** A lock a run of Pulumi holds on the stack in the file backend, as its file names the owner (`running`: whether that process runs here; undefined: another machine's). */
export type StackLock = { pid: number; username: string; hostname: string; timestamp: string; running?: boolean };

/** The locks on the stack (`.pulumi/locks/organization/<project>/<stack>/*.json`), when the backend is one this module reads; else undefined. */
export function fileBackendLocks(input: FileBackendStack, hostname: string): StackLock[] | undefined {
  const at = located(input);
  if (at === undefined) return undefined;
  const folder = path.join(at.dir, ".pulumi", "locks", "organization", input.project, at.stack);
  return (fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith(".json")) : []).flatMap((f) => {
    try {
      const l = JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")) as Partial<StackLock>;
      const lock = { pid: Number(l.pid), username: String(l.username), hostname: String(l.hostname), timestamp: String(l.timestamp) };
      return Number.isInteger(lock.pid) ? [l.hostname === hostname ? { ...lock, running: processRuns(lock.pid) } : lock] : [];
    } catch {
      return [];
    }
  });
}

/** Whether a process with this id runs here (signal 0 checks without sending); a zombie (exited, not reaped: /proc says Z) does not. */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, "utf8") : "";
    return stat.charAt(stat.lastIndexOf(")") + 2) !== "Z";
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
