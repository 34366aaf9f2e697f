import { DEFAULTS } from "./defaults";
import type { EmulatorOptions } from "./server";

export const HELP = `Genesys Cloud API emulator (local, loopback only)

Usage: npm run emulator -- [options]
       genesys-flows emulator --stack local      the emulator the stack deploys to (for your own pulumi)

Options:
  --stack <name>           take the port (genesys-flows:provider.gateway), the org file
                           (genesys-flows:emulatorOrg, default orgs/local.yaml) and the
                           access token or OAuth client of Pulumi.<name>.yaml (encrypted ones through
                           pulumi config get), and keep the org in .work/emulator/org.json, as npm start
                           does; the options below win over them
  --port <p>               TCP port on 127.0.0.1 (default ${DEFAULTS.port}: an ephemeral port)
  --data <file>            persist the org to this JSON file, written atomically after each change
                           (default: in memory only)
  --access-token <t>       fixed bearer token accepted on /api/v2 (default "${DEFAULTS.accessToken}")
  --client-id <id>         OAuth client-credentials client id (default "${DEFAULTS.clientId}")
  --client-secret <s>      OAuth client-credentials client secret (default "${DEFAULTS.clientSecret}")
  --org <file.yaml>        the org's objects: queues, data actions (with their contracts), schedules,
                           schedule groups, prompts, skills, languages, emergency groups, wrap-up
                           codes, contact lists, bot flows, ... (see emulator/README.md); served on
                           their API routes and checked by publishes
  --strict                 a reference to an object the org does not have (or, without --org, to any
                           org object) fails the publish instead of giving a Warning
  --admin-token <t>        token also accepted on the admin routes (besides the API tokens)
  --max-body-bytes <n>     request body limit (default ${DEFAULTS.maxBodyBytes} = 5 MiB)
  --max-jobs <n>           publish jobs kept in memory (default 1000)
  --max-versions <n>       versions kept per flow (default 50)
  --max-flows <n>          flows kept in the org, deleted ones included (default 10000)
  --faults <json>          initial fault config as JSON, e.g. '{"latencyMs":50,"rateLimitShare":0.1}'
  --people <json>          other OAuth clients and users who act in the org, as JSON, e.g.
                           '{"clients":[{"id":"ops","secret":"s","name":"Ops"}],
                             "users":[{"name":"Jane Doe","username":"jane","password":"pw"}]}'
  --behave <id>=<answer>   how the org answers where Genesys's answer is not known, e.g.
                           claimPublish=refused (repeatable; docs/assumptions.md lists each
                           behaviour and its answers; default: the emulator's model)
  --traffic <file>         simulated traffic (YAML or JSON, as POST /__emulator/traffic takes it) run
                           through the published flows at start, recorded as flow executions
  -h, --help               show this help

Admin endpoints (Authorization: Bearer <access or admin token>, Host 127.0.0.1 or localhost):
GET /__emulator/state, GET|DELETE /__emulator/requests, GET|PUT /__emulator/faults,
GET|PUT /__emulator/people, PUT /__emulator/strict, POST /__emulator/traffic, POST /__emulator/reset. See emulator/README.md.
`;

import { parseCommandLine, UsageError, type FlagSpec } from "../project/cliArgs";

export type CliCommand = { kind: "help" } | { kind: "run"; options: EmulatorOptions; stack?: string };

/** The emulator's options (project/cliArgs.ts): every one but --strict and --help takes a value. */
const EMULATOR_OPTIONS = {
  help: { type: "boolean", short: "h" },
  strict: { type: "boolean" },
  stack: { type: "string" },
  port: { type: "string" },
  data: { type: "string" },
  org: { type: "string" },
  "access-token": { type: "string" },
  "admin-token": { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  "max-body-bytes": { type: "string" },
  "max-jobs": { type: "string" },
  "max-versions": { type: "string" },
  "max-flows": { type: "string" },
  faults: { type: "string" },
  people: { type: "string" },
  traffic: { type: "string" },
  behave: { type: "string", multiple: true },
} as const satisfies FlagSpec;

function usage(message: string): never {
  throw new UsageError(message);
}

/** A flag's JSON value (checked further by whoever takes it). */
function json(flag: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new UsageError(`${flag} must be JSON, got "${value}"`);
  }
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** Each option that takes a value: the option of the emulator it sets, and how its text reads. */
const READ: {
  [K in Exclude<keyof typeof EMULATOR_OPTIONS, "help" | "strict" | "stack" | "behave">]: [
    keyof EmulatorOptions,
    (flag: string, value: string) => unknown,
  ];
} = {
  port: [
    "port",
    (_flag, value) => {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port < 0 || port > 65535)
        throw new UsageError(`--port must be an integer 0..65535, got "${value}"`);
      return port;
    },
  ],
  "max-body-bytes": ["maxBodyBytes", positive],
  "max-jobs": ["maxJobs", positive],
  "max-versions": ["maxVersionsPerFlow", positive],
  "max-flows": ["maxFlows", positive],
  org: ["orgFile", (_flag, value) => value],
  "admin-token": ["adminToken", (_flag, value) => value],
  data: ["dataFile", (_flag, value) => value],
  "access-token": ["accessToken", (_flag, value) => value],
  "client-id": ["clientId", (_flag, value) => value],
  "client-secret": ["clientSecret", (_flag, value) => value],
  faults: ["faults", json], // validated by startEmulator (zod)
  people: ["people", json], // validated by startEmulator (zod)
  traffic: ["trafficFile", (_flag, value) => value], // read and run by startEmulator
};

/** Parse CLI arguments (pure; throws UsageError on bad input). */
export function parseEmulatorArgs(argv: readonly string[]): CliCommand {
  const { values, options: given } = parseCommandLine(argv, EMULATOR_OPTIONS);
  if (values.help) return { kind: "help" };
  const stack = values.stack;
  if (stack !== undefined && !/^[A-Za-z0-9_.-]+$/.test(stack))
    throw new UsageError(`--stack takes a stack name, not "${stack}"`);
  const options: Record<string, unknown> = values.strict ? { strict: true } : {};
  for (const { name, value } of given) {
    if (Object.hasOwn(READ, name)) {
      const [field, read] = READ[name as keyof typeof READ];
      options[field] = read(`--${name}`, value!);
    }
  }
  // --behave claimPublish=refused (repeatable): validated against the register by startEmulator.
  if (values.behave)
    options.behave = Object.fromEntries(
      values.behave.map((b) =>
        /^\w+=\w+$/.test(b) ? b.split("=") : usage(`--behave takes <behaviour>=<answer>, got "${b}"`),
      ),
    );
  if ((options.clientId === undefined) !== (options.clientSecret === undefined)) {
    throw new UsageError("--client-id and --client-secret must be given together");
  }
  return { kind: "run", options: options as EmulatorOptions, ...(stack !== undefined ? { stack } : {}) };
}
