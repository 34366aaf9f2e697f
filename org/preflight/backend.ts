// Is there a Pulumi backend to run against, and can a non-interactive run open the stack's
// secrets? Pure: the environment and a file reader are handed in.
import * as path from "node:path";
import YAML from "yaml";
import type { PreflightProblem } from "../problem";
import type { Env } from "../target";

export type { Env };
/** Returns the file's text, or undefined when it does not exist. */
export type ReadFile = (file: string) => string | undefined;

export interface Backend {
  /** The backend URL pulumi will use, e.g. `https://api.pulumi.com` or `file:///...`. */
  url: string;
  /** Where it was found, for messages. */
  source: string;
}

const CLOUD_DEFAULT = "https://api.pulumi.com";
const LOGIN_FIX =
  "log in once: `npm run pulumi -- login` (Pulumi Cloud), `npm run pulumi -- login s3://<bucket>/<path>` or " +
  "`npm run pulumi -- login file://<dir>`; or set PULUMI_BACKEND_URL (and PULUMI_ACCESS_TOKEN for Pulumi Cloud, as CI does)";

function credentialsFile(env: Env, home: string): string {
  return path.join(env.PULUMI_HOME || path.join(home, ".pulumi"), "credentials.json");
}

interface Credentials {
  current?: string;
  accessTokens?: Record<string, string>;
}

function readCredentials(env: Env, home: string, readFile: ReadFile): Credentials {
  const text = readFile(credentialsFile(env, home));
  if (text === undefined) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as Credentials) : {};
  } catch {
    return {};
  }
}

function projectBackend(root: string, readFile: ReadFile): string | undefined {
  const text = readFile(path.join(root, "Pulumi.yaml"));
  if (text === undefined) return undefined;
  const doc = YAML.parse(text) as { backend?: { url?: unknown } } | null;
  return typeof doc?.backend?.url === "string" ? doc.backend.url : undefined;
}

const isCloud = (url: string) => /^https?:\/\//.test(url);

/** A backend URL as a message shows it: its password (a PostgreSQL URL's) as `****`, as Pulumi's own messages do. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password === "") return url;
    u.password = "****";
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * The backend tools/pulumi.sh will run `stack` against, the way pulumi picks it:
 * GENESYS_FLOWS_BACKEND=local (the project's file backend), PULUMI_BACKEND_URL, Pulumi.yaml's
 * `backend.url`, the current login in credentials.json, or Pulumi Cloud when PULUMI_ACCESS_TOKEN
 * is set. Returns a problem when there is none or Pulumi Cloud has no token.
 */
export function checkBackend(
  input: { root: string; stack: string },
  deps: { env: Env; home: string; readFile: ReadFile },
): { backend?: Backend; problems: PreflightProblem[] } {
  const { env, home, readFile } = deps;
  let backend: Backend | undefined;
  if (env.GENESYS_FLOWS_BACKEND === "local" || input.stack === "local") {
    backend = {
      url: `file://${path.join(input.root, ".work/state")}`,
      source: "the project's file backend (.work/state)",
    };
  } else if (env.PULUMI_BACKEND_URL) {
    backend = { url: env.PULUMI_BACKEND_URL, source: "PULUMI_BACKEND_URL" };
  } else {
    const fromProject = projectBackend(input.root, readFile);
    const creds = readCredentials(env, home, readFile);
    if (fromProject) backend = { url: fromProject, source: "Pulumi.yaml backend.url" };
    else if (creds.current)
      backend = { url: creds.current, source: `your pulumi login (${credentialsFile(env, home)})` };
    else if (env.PULUMI_ACCESS_TOKEN) backend = { url: CLOUD_DEFAULT, source: "PULUMI_ACCESS_TOKEN (Pulumi Cloud)" };
  }
  if (!backend) {
    return {
      problems: [
        {
          check: "backend",
          message: `not logged in to any Pulumi backend (no PULUMI_BACKEND_URL, no login in ${credentialsFile(env, home)}, no PULUMI_ACCESS_TOKEN)`,
          fix: LOGIN_FIX,
        },
      ],
    };
  }
  if (isCloud(backend.url)) {
    const url = backend.url.replace(/\/+$/, "");
    const tokens = readCredentials(env, home, readFile).accessTokens ?? {};
    const token = env.PULUMI_ACCESS_TOKEN || tokens[url] || tokens[`${url}/`];
    if (!token) {
      return {
        backend,
        problems: [
          {
            check: "backend",
            message: `the backend ${url} (from ${backend.source}) needs an access token and there is none (PULUMI_ACCESS_TOKEN is not set, no token for it in ${credentialsFile(env, home)})`,
            fix: `\`npm run pulumi -- login ${url}\`, or export PULUMI_ACCESS_TOKEN`,
          },
        ],
      };
    }
  }
  return { backend, problems: [] };
}

/**
 * On a backend without its own secrets service (file, S3, Azure Blob, GCS) a stack whose file names
 * no other `secretsprovider` uses passphrase secrets, and a non-interactive run needs the passphrase
 * in the environment or it stops to ask for it.
 */
export function checkPassphrase(
  input: { stack: string; stackFile: string; stackFileText: string; backend: Backend },
  deps: { env: Env },
): PreflightProblem[] {
  const { env } = deps;
  if (isCloud(input.backend.url)) return [];
  // tools/pulumi.sh gives the project's file backend a default passphrase.
  if (input.stack === "local" || env.GENESYS_FLOWS_BACKEND === "local") return [];
  if (env.PULUMI_CONFIG_PASSPHRASE || env.PULUMI_CONFIG_PASSPHRASE_FILE) return [];
  const doc = YAML.parse(input.stackFileText) as { secretsprovider?: unknown } | null;
  const provider = typeof doc?.secretsprovider === "string" ? doc.secretsprovider : "passphrase";
  if (provider !== "passphrase" && provider !== "default") return [];
  const on = `stack "${input.stack}" on ${shownUrl(input.backend.url)} (${input.backend.source})`;
  return [
    {
      check: "passphrase",
      message:
        `${on} uses passphrase secrets (${input.stackFile} names no other secretsprovider) and neither ` +
        "PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set",
      fix: "export PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) with the stack's passphrase",
    },
  ];
}
