// The run of a stack as the engine starts the program (plain `pulumi`, pulumi/actions, an
// Automation API program of someone else's, Pulumi Deployments): the settings as the engine
// resolves the stack's config (ESC environments included), the state through the engine's own CLI,
// the org signed in with the stack's secrets exactly as its provider signs in. The project's own
// command line builds its run itself (tools/deploy.ts) and hands it to the program in process.
import * as pulumi from "@pulumi/pulumi";
import {
  CONFIG_NAMESPACE,
  parseStackSettings,
  stackSettingsSchema,
  type StackSettings,
} from "../planner/stackSettings";
import { stackFileName } from "../project/stackFile";
import { workingTreeSource } from "../project/releaseSource";
import { projectPlanCache } from "../project/planCache";
import { readStackExport } from "../org/stackExport";
import { connectToOrg, type OrgConnection } from "../org/signIn";
import { StackRun } from "./stackRun";
import type { RunIo } from "./runIo";
import { runTrace } from "./trace";

/** The credentials the program reads with pulumi.Config, by bare key: secrets, never plain settings. */
export type StackSecrets = Partial<
  Record<"accessToken" | "oauthClientId" | "oauthClientSecret", pulumi.Output<string>>
>;
const SECRET_KEYS = ["oauthClientId", "oauthClientSecret", "accessToken"] as const;

/** Attempts per org request of the run's reads (429 honours Retry-After, 5xx back off), more than the client's default. */
export const LOOKUP_ATTEMPTS = 10;

/**
 * The stack's settings as Pulumi resolves its config: every key the settings schema knows (so a new
 * setting needs no list here), a structured value (Pulumi hands objects and lists over as JSON text)
 * parsed.
 */
function readSettings(cfg: pulumi.Config): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(stackSettingsSchema.shape)) {
    if ((SECRET_KEYS as readonly string[]).includes(key)) continue;
    const text = cfg.get(key);
    if (text === undefined) continue;
    if (!/^\s*[[{]/.test(text)) {
      raw[key] = text;
      continue;
    }
    try {
      raw[key] = JSON.parse(text);
    } catch {
      raw[key] = text; // not JSON: let the schema say what was expected
    }
  }
  return raw;
}

/** The credentials of the stack's config, as secrets (the provider gets them as such). */
export function stackSecrets(cfg: pulumi.Config = new pulumi.Config(CONFIG_NAMESPACE)): StackSecrets {
  return Object.fromEntries(
    SECRET_KEYS.flatMap((k) => {
      const s = cfg.getSecret(k);
      return s === undefined ? [] : [[k, s]];
    }),
  );
}

/**
 * The stack settings the program parsed carry no credentials (it reads them as secrets): these
 * settings mark the ones the stack file has, so a sign-in takes them first, as the provider does.
 */
export function withCredentialsMarked(settings: StackSettings, secrets: StackSecrets): StackSettings {
  const marked: StackSettings = { ...settings };
  for (const key of SECRET_KEYS) if (secrets[key] !== undefined) marked[key] = { secure: "(read by the program)" };
  return marked;
}

/** An Output's value (config secrets are known, in preview too). */
function valueOf(output: pulumi.Output<string>): Promise<string> {
  return new Promise((resolve) => output.apply((v) => (resolve(v), v)));
}

/** The stack's state through the engine's own CLI (inside the program: the engine's organization and project). */
export async function readEngineExport(root: string, stack: string): Promise<string> {
  const pulumiBin = process.env.GENESYS_FLOWS_PULUMI ?? "pulumi";
  let org = "";
  try {
    org = pulumi.getOrganization();
  } catch {
    org = ""; // an engine too old to say: the CLI resolves the bare name
  }
  const project = pulumi.getProject();
  const name = org !== "" ? `${org}/${project}/${stack}` : stack;
  // The engine's own environment names its backend: the project's file backend is read directly.
  return (await readStackExport(name, { root, pulumiBin, env: process.env, project })) ?? "";
}

/** Signs in to the stack's org as its provider does, with the stack's secrets; rate limits and outages retried. */
export function engineConnect(
  stack: string,
  settings: StackSettings,
  secrets: StackSecrets,
  tokens?: number,
): Promise<OrgConnection> {
  return connectToOrg({
    stack,
    ...(tokens !== undefined ? { tokens } : {}),
    settings: withCredentialsMarked(settings, secrets),
    env: process.env,
    attempts: LOOKUP_ATTEMPTS,
    secret: (key) => {
      const s = secrets[key as keyof StackSecrets];
      return s ? valueOf(s) : Promise.reject(new Error(`genesys-flows:${key} is not set`));
    },
  });
}

/**
 * The run the engine started: its stack, settings, state and sign-in as the engine sees them.
 * `io`: reads a test hands in instead (a state, an emulator to sign in to), the rest the engine's.
 */
export function engineRun(root = ".", io: Partial<RunIo> = {}): StackRun {
  const stack = pulumi.getStack();
  const cfg = new pulumi.Config(CONFIG_NAMESPACE);
  const secrets = stackSecrets(cfg);
  const trace = runTrace();
  const plans = projectPlanCache(root);
  return new StackRun({
    stack,
    root,
    source: { ...workingTreeSource(root, stack), sourcesRoot: root },
    io: {
      readSettings: () => parseStackSettings(readSettings(cfg), stackFileName(stack)),
      readExport: () => readEngineExport(root, stack),
      connect: (settings, tokens) => engineConnect(stack, settings, secrets, tokens),
      ...io,
    },
    ...(trace ? { trace } : {}),
    ...(plans ? { planCache: plans } : {}),
  });
}

const CURRENT_RUN = Symbol.for("genesys-flows.currentRun");

/** The run the command line hands a project's own index.ts (engine/workspace.ts), while `program` runs; its runProgram() takes it. */
export async function withCurrentRun<T>(run: StackRun, program: () => Promise<T>): Promise<T> {
  const slot = globalThis as Record<symbol, unknown>;
  slot[CURRENT_RUN] = run;
  try {
    return await program();
  } finally {
    delete slot[CURRENT_RUN];
  }
}

/** The run withCurrentRun hands over, if any (a global: the project's index.ts loads the package's modules itself). */
export function currentRun(): StackRun | undefined {
  return (globalThis as Record<symbol, unknown>)[CURRENT_RUN] as StackRun | undefined;
}
