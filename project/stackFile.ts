// Reads a stack's `genesys-flows:*` settings as Pulumi resolves them, for every tool (lint, test,
// compile, diagram, verify, import, deploy's preflight): the I/O edge in front of the pure
// parseStackSettings (planner/stackSettings.ts). Pulumi's resolution (`pulumi config --json
// --show-secrets --stack <s>` through tools/pulumi.sh) sees what the stack file alone does not: ESC
// environments the file imports (`environment:`), the project's config in Pulumi.yaml, values set
// with `pulumi config set --secret`, and (with GENESYS_FLOWS_CONFIG=pulumi) a stack whose
// configuration its backend keeps, with no file. It costs a pulumi process (about 1 s), and lint runs in tight loops, so when the file
// provably holds everything (whyPulumiResolves: none of the above) it is read directly, as before.
// GENESYS_FLOWS_CONFIG=pulumi always asks Pulumi, =file never does. Messages name the stack file
// and the field either way, so lint still points at the line when the value is in the file.
// Credentials that are secrets are never decrypted here: they stay `{secure}` for org/signIn.ts.
import { stackFileName } from "../model/stackFile";
export { stackFileName };
import { spawnSync } from "node:child_process";
import { toolScript } from "./root";
import { FlowLoadError } from "../model/errors";
import { parseYaml } from "../model/parse";
import { CONFIG_NAMESPACE, parseStackFile, parseStackSettings, type StackSettings } from "../planner/stackSettings";
import { readProjectFile } from "./files";
import { isMap } from "../archy/json";

/** A stack file is settings only: far below this. */
const MAX_STACK_FILE_BYTES = 1024 * 1024;

/** The settings only org/signIn.ts reads, through `pulumi config get` when they are secrets. */
const CREDENTIAL_KEYS = new Set(["oauthClientId", "oauthClientSecret", "accessToken"]);

function holdsSecret(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(holdsSecret);
  if (!isMap(v)) return false;
  return Object.hasOwn(v, "secure") || Object.values(v).some(holdsSecret);
}

/**
 * Why the tools must ask Pulumi for the stack's settings, or undefined when the stack file holds
 * all of them as Pulumi would resolve them. Pure: the stack file's and Pulumi.yaml's texts
 * (undefined when missing) and GENESYS_FLOWS_CONFIG.
 */
export function whyPulumiResolves(
  stackText: string | undefined,
  projectText: string | undefined,
  mode: string | undefined,
): string | undefined {
  if (mode === "file") return undefined;
  if (mode === "pulumi") return "GENESYS_FLOWS_CONFIG=pulumi";
  // No file: the old message says to create one; GENESYS_FLOWS_CONFIG=pulumi asks the backend.
  if (stackText === undefined) return undefined;
  let stack: unknown;
  let project: unknown;
  try {
    stack = parseYaml(stackText, "stack file");
    project = projectText !== undefined ? parseYaml(projectText, "Pulumi.yaml") : undefined;
  } catch {
    return undefined; // the file's own parse reports it, with its position
  }
  if (isMap(stack) && stack.environment !== undefined) return "it imports ESC environments (environment:)";
  const projectConfig = isMap(project) && isMap(project.config) ? project.config : {};
  if (Object.keys(projectConfig).some((k) => k.startsWith(`${CONFIG_NAMESPACE}:`)))
    return `Pulumi.yaml sets ${CONFIG_NAMESPACE}:* values (project config)`;
  const config = isMap(stack) && isMap(stack.config) ? stack.config : {};
  const secret = Object.entries(config).find(
    ([k, v]) =>
      k.startsWith(`${CONFIG_NAMESPACE}:`) &&
      !CREDENTIAL_KEYS.has(k.slice(CONFIG_NAMESPACE.length + 1)) &&
      holdsSecret(v),
  );
  if (secret) return `${secret[0]} holds a secret`;
  return undefined;
}

/** One value of `pulumi config --json`. */
interface PulumiConfigValue {
  value?: string;
  objectValue?: unknown;
  secret?: boolean;
}

/** `pulumi config --json --show-secrets` output -> the raw config mapping parseStackSettings takes (credential secrets kept sealed). */
export function rawFromPulumiConfig(json: Record<string, PulumiConfigValue>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(json)) {
    if (!key.startsWith(`${CONFIG_NAMESPACE}:`)) continue;
    const bare = key.slice(CONFIG_NAMESPACE.length + 1);
    // The value itself is not needed: org/signIn.ts asks pulumi for it when it signs in.
    if (v.secret === true && CREDENTIAL_KEYS.has(bare)) raw[key] = { secure: "resolved by pulumi" };
    else raw[key] = v.objectValue !== undefined ? v.objectValue : v.value;
  }
  return raw;
}

/** Reads the stack's settings: from `Pulumi.<stack>.yaml` when it holds them all, else through `pulumi config` (see above). */
export function readStackSettings(root: string, stack: string, env: NodeJS.ProcessEnv = process.env): StackSettings {
  return readStackFile(root, stack, env).settings;
}

/**
 * The stack file's name, its text (undefined when there is none) and why Pulumi must resolve the
 * stack's settings (undefined when the file alone holds them: whyPulumiResolves). Throws
 * FlowLoadError when the file is there but does not read.
 */
export function stackFileText(
  root: string,
  stack: string,
  env: NodeJS.ProcessEnv,
): { file: string; text: string | undefined; why: string | undefined } {
  const file = stackFileName(stack);
  const read = readProjectFile(root, file, MAX_STACK_FILE_BYTES, "a stack file");
  if (!read.ok && read.issue.message !== "no such file") throw new FlowLoadError([read.issue]);
  const text = read.ok ? read.text : undefined;
  const projectRead = readProjectFile(root, "Pulumi.yaml", MAX_STACK_FILE_BYTES, "the project file");
  return {
    file,
    text,
    why: whyPulumiResolves(text, projectRead.ok ? projectRead.text : undefined, env.GENESYS_FLOWS_CONFIG),
  };
}

/**
 * The stack file's name, its text (for the checks of the file itself, checks/secrets.ts; undefined
 * when Pulumi holds the stack without one) and the stack's validated settings, resolved as
 * readStackSettings says.
 */
export function readStackFile(
  root: string,
  stack: string,
  env: NodeJS.ProcessEnv = process.env,
): { file: string; text: string | undefined; settings: StackSettings } {
  const { file, text: stackText, why } = stackFileText(root, stack, env);
  if (why === undefined) {
    if (stackText === undefined)
      throw new FlowLoadError([
        { file, message: `no such stack file; create it (see docs/stacks.md) or pass --stack <name>` },
      ]);
    return { file, text: stackText, settings: parseStackFile(stackText, file) };
  }
  return { file, text: stackText, settings: parseStackSettings(pulumiConfig(root, stack, file, why), file) };
}

/** `pulumi config --json --show-secrets --stack <stack>`, parsed; a FlowLoadError naming why it was asked and what failed. */
function pulumiConfig(root: string, stack: string, file: string, why: string): Record<string, unknown> {
  const r = spawnSync(
    "bash",
    [toolScript(root, "tools/pulumi.sh"), "config", "--json", "--show-secrets", "--stack", stack],
    {
      cwd: root,
      env: { ...process.env, GENESYS_FLOWS_PROJECT: root },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    },
  );
  const fail = (what: string) =>
    new FlowLoadError([
      {
        file,
        message: `${why}, so the stack's configuration is read through Pulumi (pulumi config --json --stack ${stack}), which ${what}; select the backend that holds stack "${stack}" (pulumi login) with its secrets provider, or set GENESYS_FLOWS_CONFIG=file to read ${file} alone`,
      },
    ]);
  if (r.error) throw fail(`could not run (${r.error.message})`);
  if (r.status !== 0)
    throw fail(
      `failed: ${(
        r.stderr
          .trim()
          .split("\n")
          .find((l) => l.trim() !== "") ?? `exit ${r.status}`
      ).trim()}`,
    );
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    throw fail("printed something other than JSON");
  }
  if (!isMap(json)) throw fail("printed something other than a JSON object");
  return rawFromPulumiConfig(json as Record<string, PulumiConfigValue>);
}
