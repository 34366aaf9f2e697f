// The stack's state read straight from its backend, as `pulumi stack export` prints it, without
// starting the CLI.
//
// `pulumi stack export` on a DIY backend reads the stack's checkpoint blob and prints
// `{ version, features, deployment: checkpoint.latest }` (Pulumi 3.259: backend/diy/backend.go
// ExportDeployment, cmd/pulumi/stack/stack_export.go). Starting the CLI for it costs far more than
// the read, more so as the state grows, and every run of the program reads the state once (an `up`
// twice: its preview and its update). So where the blob is certainly the one the CLI would read,
// it is read here, from one of two stores of the same blobs (keys: the paths under the folder):
//   - the project's own file backend: a `file://` URL, with no query, to a folder inside the project
//     (the local stack's `.work/state`; nothing outside the repository is read);
//   - a PostgreSQL backend (`postgres://`, org/postgresState.ts: one row per blob), a team's shared
//     state;
// and the layout is the one this Pulumi writes:
//   - the backend's `.pulumi/meta.yaml` says version 1 (stacks under `.pulumi/stacks/<project>/`);
//   - exactly one of `<stack>.json` and `<stack>.json.gz` exists (Pulumi picks the newest of several
//     variants; zstd and the legacy layout are left to it), and it is a version 3 checkpoint with a
//     deployment, or a version 4 one (version 3 with `features`: resource hooks make one) whose
//     features this Pulumi reads.
// Anything else is undefined, and the caller asks the CLI, as before: Pulumi Cloud, S3, a shared
// file backend elsewhere, a stack never deployed, a database that does not answer.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import * as YAML from "yaml";
import { checkBackend } from "./preflight/backend";
import { postgresStore, type StateStore } from "./postgresState";

export interface BackendStack {
  /** The backend's URL as the engine gets it (stateBackendUrl). */
  backendUrl: string | undefined;
  /** The project's folder: a file backend must be inside it. */
  root: string;
  /** The Pulumi project's name (Pulumi.yaml `name`). */
  project: string;
  /** The stack's name: `local`, or `organization/<project>/local`. */
  stack: string;
}

/**
 * The backend Pulumi runs `stack` against, as it picks it: PULUMI_BACKEND_URL, else (as the
 * preflight finds it) Pulumi.yaml's `backend.url` or the current `pulumi login`.
 */
export function stateBackendUrl(root: string, stack: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.PULUMI_BACKEND_URL) return env.PULUMI_BACKEND_URL;
  const readFile = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : undefined);
  return checkBackend({ root, stack }, { env, home: os.homedir(), readFile }).backend?.url;
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
function backendFolder(url: string, root: string): string | undefined {
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

/** The blobs of a file backend's folder. */
function folderStore(dir: string): StateStore {
  const readOne = (key: string): Array<[string, Buffer]> => {
    try {
      return [[key, fs.readFileSync(path.join(dir, key))]];
    } catch {
      return [];
    }
  };
  const entries = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder) : []);
  return {
    read: async (keys) => new Map(keys.flatMap(readOne)),
    list: async (prefix) => entries(path.join(dir, prefix)).map((f) => `${prefix}${f}`),
    close: async () => undefined,
  };
}

/** `local` or `organization/<project>/local` -> the bare stack name, when it is this project's. */
function bareStack(stack: string, project: string): string | undefined {
  const parts = stack.split("/");
  if (parts.length === 1) return parts[0];
  if (parts.length === 3 && parts[0] === "organization" && parts[1] === project) return parts[2];
  return undefined;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/** The backend's store and the bare stack name, when this module reads that backend for certain. */
function located(input: BackendStack): { store: StateStore; stack: string } | undefined {
  const stack = bareStack(input.stack, input.project);
  const url = input.backendUrl;
  if (url === undefined || stack === undefined || !NAME.test(stack) || !NAME.test(input.project)) return undefined;
  if (url.startsWith("postgres://")) {
    const store = postgresStore(url, process.env);
    return store && { store, stack };
  }
  const dir = url.startsWith("file://") ? backendFolder(url, input.root) : undefined;
  return dir === undefined ? undefined : { store: folderStore(dir), stack };
}

/** What `use` makes of the backend's store, closed after; undefined when it is not read here or a read fails. */
async function withStore<T>(
  input: BackendStack,
  use: (store: StateStore, stack: string) => Promise<T | undefined>,
): Promise<T | undefined> {
  const at = located(input);
  if (at === undefined) return undefined;
  try {
    return await use(at.store, at.stack);
  } catch {
    return undefined; // the CLI says what is wrong
  } finally {
    await at.store.close().catch(() => undefined);
  }
}

/**
 * The features a version 4 checkpoint may list that Pulumi 3.259 reads (resource/stack/deployment.go
 * supportedFeatures); it refuses a checkpoint with any other, so such a one is left to it.
 */
const KNOWN_FEATURES = new Set([
  "refreshBeforeUpdate",
  "views",
  "hooks",
  "taint",
  "replaceWith",
  "snippets-prototype",
  "extensionParameterization",
  "byteString",
]);

const META = ".pulumi/meta.yaml";

/** The export text of the stack's checkpoint among `blobs` (the meta file and the variants of `base`), or undefined. */
function exportOf(blobs: ReadonlyMap<string, Buffer>, base: string): string | undefined {
  let meta: unknown;
  try {
    meta = YAML.parse(blobs.get(META)?.toString("utf8") ?? "");
  } catch {
    return undefined;
  }
  if (typeof meta !== "object" || meta === null || (meta as { version?: unknown }).version !== 1) return undefined;
  const variants = [base, `${base}.gz`, `${base}.zst`].filter((k) => blobs.has(k));
  if (variants.length !== 1 || variants[0].endsWith(".zst")) return undefined;
  const bytes = blobs.get(variants[0])!;
  const text = (variants[0].endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
  const doc = JSON.parse(text) as { version?: unknown; features?: unknown; checkpoint?: { latest?: unknown } };
  const latest = doc?.checkpoint?.latest;
  if (typeof latest !== "object" || latest === null || Array.isArray(latest)) return undefined;
  if (doc.version === 3) return `${JSON.stringify({ version: 3, deployment: latest })}\n`;
  const features = doc.features;
  if (
    doc.version !== 4 ||
    !Array.isArray(features) ||
    !features.every((f) => typeof f === "string" && KNOWN_FEATURES.has(f))
  )
    return undefined;
  return `${JSON.stringify({ version: 4, features, deployment: latest })}\n`;
}

/**
 * The text `pulumi stack export --stack <stack>` would print (same content, compact), read from the
 * project's file backend or a PostgreSQL backend; undefined when it cannot be read here for certain
 * (then ask the CLI).
 */
export function readBackendExport(input: BackendStack): Promise<string | undefined> {
  return withStore(input, async (store, stack) => {
    const base = `.pulumi/stacks/${input.project}/${stack}.json`;
    return exportOf(await store.read([META, base, `${base}.gz`, `${base}.zst`]), base);
  });
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

/**
 * A lock a run of Pulumi holds on the stack, as its blob names the owner (`running`: whether that
 * process runs here; undefined: another machine's).
 */
export type StackLock = { pid: number; username: string; hostname: string; timestamp: string; running?: boolean };

/** The locks on the stack (`.pulumi/locks/organization/<project>/<stack>/*.json`), when the backend is one this module reads; else undefined. */
export function backendLocks(input: BackendStack, hostname: string): Promise<StackLock[] | undefined> {
  return withStore(input, async (store, stack) => {
    const keys = await store.list(`.pulumi/locks/organization/${input.project}/${stack}/`);
    return [...(await store.read(keys.filter((k) => k.endsWith(".json")))).values()].flatMap((blob) => {
      try {
        const l = JSON.parse(blob.toString("utf8")) as Partial<StackLock>;
        const [username, host, timestamp] = [l.username, l.hostname, l.timestamp].map(String);
        const lock = { pid: Number(l.pid), username, hostname: host, timestamp };
        if (!Number.isInteger(lock.pid)) return [];
        return [host === hostname ? { ...lock, running: processRuns(lock.pid) } : lock];
      } catch {
        return [];
      }
    });
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
