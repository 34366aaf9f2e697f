import { DEFAULTS, EmulatorOptions } from "./server";

export const HELP = `Genesys Cloud API emulator (local, loopback only)

Usage: npm run emulator -- [options]

Options:
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
  -h, --help               show this help

Admin endpoints (Authorization: Bearer <access or admin token>, Host 127.0.0.1 or localhost):
GET /__emulator/state, GET|DELETE /__emulator/requests, GET|PUT /__emulator/faults,
GET|PUT /__emulator/people, PUT /__emulator/strict, POST /__emulator/reset. See emulator/README.md.
`;

import { UsageError, asWritten, readArgTokens, type FlagSpec } from "../project/cliArgs";

export type CliCommand = { kind: "help" } | { kind: "run"; options: EmulatorOptions };

/** The emulator's options (util.parseArgs through project/cliArgs.ts): every one but --strict and --help takes a value. */
const EMULATOR_OPTIONS = {
  help: { type: "boolean", short: "h" },
  strict: { type: "boolean" },
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
} as const satisfies FlagSpec;

type EmulatorOption = keyof typeof EMULATOR_OPTIONS;

/** A flag's JSON value (checked further by whoever takes it). */
function json(flag: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new UsageError(`${flag} must be JSON, got "${value}"`);
  }
}

/** Parse CLI arguments (pure; throws UsageError on bad input). */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const options: EmulatorOptions = {};
  const positive = (flag: string, value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
    return n;
  };
  for (const t of readArgTokens(argv, EMULATOR_OPTIONS)) {
    if (t.kind === "positional") throw new UsageError(`unknown argument: ${t.value}`);
    const name: EmulatorOption | undefined = Object.hasOwn(EMULATOR_OPTIONS, t.name) ? (t.name as EmulatorOption) : undefined;
    if (name === "help") return { kind: "help" };
    if (name === undefined) throw new UsageError(`unknown argument: ${asWritten(t)}`);
    if (name === "strict") {
      if (t.value !== undefined) throw new UsageError("--strict takes no value");
      options.strict = true;
      continue;
    }
    const arg = t.rawName;
    const value = t.value;
    if (value === undefined || value === "" || (value.startsWith("--") && value.length > 2)) {
      throw new UsageError(`${arg} needs a value`);
    }
    switch (name) {
      case "port": {
        const port = Number(value);
        if (!/^\d+$/.test(value) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer 0..65535, got "${value}"`);
        options.port = port;
        break;
      }
      case "max-body-bytes":
        options.maxBodyBytes = positive(arg, value);
        break;
      case "max-jobs":
        options.maxJobs = positive(arg, value);
        break;
      case "max-versions":
        options.maxVersionsPerFlow = positive(arg, value);
        break;
      case "max-flows":
        options.maxFlows = positive(arg, value);
        break;
      case "org":
        options.orgFile = value;
        break;
      case "admin-token":
        options.adminToken = value;
        break;
      case "data":
        options.dataFile = value;
        break;
      case "access-token":
        options.accessToken = value;
        break;
      case "client-id":
        options.clientId = value;
        break;
      case "client-secret":
        options.clientSecret = value;
        break;
      case "faults":
        options.faults = json(arg, value) as EmulatorOptions["faults"]; // validated by startEmulator (zod)
        break;
      case "people":
        options.people = json(arg, value) as EmulatorOptions["people"]; // validated by startEmulator (zod)
        break;
    }
  }
  if ((options.clientId === undefined) !== (options.clientSecret === undefined)) {
    throw new UsageError("--client-id and --client-secret must be given together");
  }
  return { kind: "run", options };
}
