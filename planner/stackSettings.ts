// A stack's settings: the `genesys-flows:*` keys of `Pulumi.<stack>.yaml`, validated with zod.
// A stack file holds only what differs per environment (name prefix, environment, provider
// target, credentials, substitutions shared and per flow, optional include/exclude globs):
// every flow under flows/ belongs to every stack. Pure: callers read the file or use
// pulumi.Config and hand the values over.
import { MAX_PUBLISHERS } from "./publishers";
import { z } from "zod";
import { renamedSetting } from "./migrations";
import { FlowLoadError, type FlowIssue } from "../model/errors";
import { describeValue, valueAt } from "../model/location";
import { parseYaml } from "../model/parse";
import { listNames, suggestThen } from "../archy/suggest";
import { pathText } from "../archy/json";

/** The project's config namespace: keys are written `genesys-flows:<key>` in stack files. */
export const CONFIG_NAMESPACE = "genesys-flows";

/** A substitution key, exactly as the provider matches `{{key}}`. */
export const substitutionKey = z.string().regex(/^[A-Za-z0-9_.-]+$/, "a substitution key: letters, digits, _, . or -");
export const substitutionMap = z.record(substitutionKey, z.string()).default({});

/** A flow id: its path under flows/ without the extension, e.g. `sales` or `billing/after-hours`. */
export const flowIdPattern = /^(?!(?:.*\/)?\.\.?(?:\/|$))[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

export const flowSettings = z
  .object({
    /** `{{key}}` -> value for this flow only; wins over the shared substitutions. */
    substitutions: substitutionMap,
    /**
     * The id of a flow already in this stack's org that this file takes over: the next `up`
     * imports it (Pulumi's `import`) and updates it in place instead of creating a flow. Written
     * by `npm run flows:import -- --stack`; harmless once adopted (see docs/import.md).
     */
    adopt: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, "a Genesys flow id")
      .optional(),
    /**
     * The flow's revision when it was adopted (written by the import beside `adopt`): the org runs
     * what the file says at this revision, so while the stack computes this revision for it and
     * has never published it, `up` only reads the flow and publishes nothing (docs/import.md).
     */
    adoptedRevision: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "a SHA-256 revision (64 lower-case hex digits)")
      .optional(),
    /**
     * Whether the flow stays in the org when the stack is destroyed or the file removed (Pulumi's
     * `retainOnDelete`). Default: true for an adopted flow (it was there before the stack), false
     * otherwise; `false` on an adopted flow lets `down` delete it.
     */
    retainOnDelete: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).optional(),
    /**
     * The published name of an adopted flow, kept as the org has it: the stack's namePrefix is not
     * applied to it (written by the import when the prefix does not start the flow's name in the
     * org, docs/import.md). Only beside `adopt`; remove it to publish the file's name with the prefix.
     */
    name: z.string().min(1).max(200).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.name !== undefined && f.adopt === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message:
          "a kept name goes with adopt: it is the name an adopted flow has in the org; without adopt the flow publishes its file's name with the stack's namePrefix",
      });
  });

/** A config value: plain text, or `{secure: <ciphertext>}` as `pulumi config set --secret` writes it. */
export const secretOrPlain = z.union([z.string().min(1), z.object({ secure: z.string() }).strict()]);

/** Genesys Cloud regions the provider (v1.84) accepts for `aws_region`. */
export const GENESYS_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "mx-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-central-1",
  "eu-central-2",
  "eusc-de-east-1",
  "me-central-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
] as const;

/** Rewrites scheme, host and port of every API and OAuth call (the emulator, or a proxy). */
const providerGateway = z
  .object({
    protocol: z.enum(["http", "https"]),
    host: z.string().min(1),
    port: z.union([z.string().regex(/^[0-9]{1,5}$/), z.number().int().min(1).max(65535)]).transform(String),
  })
  .strict();

const providerFields = z
  .object({
    /** Genesys Cloud region, e.g. `us-east-1` (mypurecloud.com) or `eu-west-1` (mypurecloud.ie). */
    region: z.enum(GENESYS_REGIONS).optional(),
    gateway: providerGateway.optional(),
    /**
     * OAuth tokens each provider process keeps in its pool: the publishes it runs at once (1..50, the
     * provider's range). Default: as many as its publish token sustains within Genesys's 300 requests
     * a minute, 25, or 18 with an access token (planner/publishers.ts defaultTokenPool), not the
     * provider's own 10.
     */
    tokenPoolSize: z.number().int().min(1).max(50).optional(),
    /**
     * Provider processes that publish the stack's flows, each with its own publish budget (the
     * provider sends every publish of a process with one token: planner/publishers.ts). Default: one
     * per 125 flows when the provider signs in with client credentials, one with an access token.
     */
    publishers: z.number().int().min(1).max(MAX_PUBLISHERS).optional(),
    /**
     * How long the provider retries reading a flow that answers 404 (its `custom_retry_timeout`, a
     * Go duration such as `15s`): after a publish (eventual consistency), and on a refresh of a
     * flow deleted in the org, which it retries this long, twice, before forgetting it. Default
     * `15s` (components/provider.ts), not the provider's 5 minutes: a deleted flow is reported in
     * seconds, not after 10 minutes of silence.
     */
    customRetryTimeout: z
      .string()
      .regex(/^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/, "a Go duration such as 15s, 2m or 1m30s")
      .optional(),
  })
  .strict();

export const providerTarget = providerFields.default({});

/**
 * The stack's routing (routing/*.yaml): which objects it leaves out, and per object the values that
 * differ here (numbers, time zone, start/end/rrule, whether an emergency group is on; which fields
 * a kind takes: model/routing/schema.ts STACK_VALUES) and the org object it adopts.
 */
const routingFields = z
  .object({
    /** Routing ids (globs) this stack leaves out. Default: none. */
    exclude: z.array(z.string().min(1)).default([]),
    /** Per routing id: `{field: value}` overriding the file, and `adopt: <Genesys id>`. */
    objects: z
      .record(
        z.string().regex(flowIdPattern, "a routing id: the file's path under routing/ without .yaml"),
        z.record(z.string(), z.unknown()),
      )
      .default({}),
  })
  .strict();

export const routingSettings = routingFields.default({ exclude: [], objects: {} });

// `pulumi config set` stores top-level scalars as strings: accept "true"/"false" too.
const booleanLike = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

/**
 * A change people made in the org to one flow or routing object, which this stack may overwrite: the
 * reason (printed and logged by every run, shown in the review) and what it covers, as seen: the
 * version (an out-of-band publish, a draft, a routing object's version), the digest of the values
 * seen (an org object Genesys answers without a version: a queue, a user prompt) or who holds the
 * lock. A later change is not covered.
 */
export const acknowledgement = z
  .object({
    reason: z.string().trim().min(1, "the reason (it is logged on every run and shown in the review)"),
    /** The Genesys version seen (quote it: "3.0"). */
    version: z
      .union([z.string().min(1), z.number()])
      .transform(String)
      .optional(),
    /** Who holds the lock, as the refusal names them. */
    lockedBy: z.string().min(1).optional(),
    /** An org object Genesys answers without a version (a queue, a user prompt): the digest of its values seen, as the refusal names it. */
    seen: z.string().min(1).optional(),
  })
  .strict()
  .refine(
    (a) => a.version !== undefined || a.lockedBy !== undefined || a.seen !== undefined,
    "name what it covers: version (the version seen), seen (the values seen, for an object without a version) or lockedBy (who holds the lock)",
  );
export type Acknowledgement = z.infer<typeof acknowledgement>;

/**
 * One wave of a module's rollout (docs/waves.md): callers named in the order a team lists them, or
 * a share of the module's callers (`share: 10%`, rounded up, at least one), picked deterministically
 * among the callers no wave names.
 */
export const waveSpec = z.union([
  z
    .object({
      flows: z
        .array(z.string().regex(flowIdPattern, "a flow id: the flow file's path under flows/ without .yaml"))
        .min(1, "name at least one flow"),
    })
    .strict(),
  z
    .object({
      share: z.union([
        z.number().gt(0).max(100),
        z
          .string()
          .regex(/^[0-9]+(\.[0-9]+)?%$/, "a share such as 10%")
          .transform((s) => Number(s.slice(0, -1)))
          .refine((n) => n > 0 && n <= 100, "a share above 0% and at most 100%"),
      ]),
    })
    .strict(),
]);
export type WaveSpec = z.infer<typeof waveSpec>;

export const stackSettingsSchema = z
  .object({
    /** Environment name, e.g. `dev`, `prod`, `local` (messages, guardrail settings). */
    environment: z.string().min(1),
    /**
     * The Genesys org id this stack deploys to: a run whose provider reaches another org stops
     * before anything registers. Optional: the state records the org of the first deploy anyway
     * (docs/org-binding.md); set it to bind a stack before its first deploy (prod).
     */
    orgId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, "a Genesys org id (GET /api/v2/organizations/me)")
      .optional(),
    /** Prefix of every published flow name in this stack, e.g. `dev-`. Default: none. */
    namePrefix: z
      .string()
      .max(50)
      // The prefix starts every published name (model/types.ts flowNameProblem).
      .refine(
        (s) => !s.includes("/"),
        "no slash (/): Genesys refuses it in flow names, and the prefix starts every published name",
      )
      .refine((s) => s.trimStart() === s, "no leading spaces: Genesys refuses flow names that start with one")
      .default(""),
    /** `{{key}}` -> value for every flow of the stack. */
    substitutions: substitutionMap,
    /** Per-flow settings, keyed by flow id (`sales`, `billing/after-hours`). */
    flows: z
      .record(
        z.string().regex(flowIdPattern, "a flow id: the flow file's path under flows/ without .yaml"),
        flowSettings,
      )
      .default({}),
    /** Flow ids (globs) this stack deploys. Default: every flow. */
    include: z.array(z.string().min(1)).min(1).default(["**"]),
    /** Flow ids (globs) this stack leaves out. Default: none. */
    exclude: z.array(z.string().min(1)).default([]),
    /** Routing (routing/*.yaml) for this stack: exclusions and per-object values. */
    routing: routingSettings,
    /** The org objects (objects/<kind>/*.yaml: queues, skills, ...) for this stack: exclusions, per-object values. */
    objects: routingSettings,
    /**
     * Skip the org-reference check (every queue, data action, ... a flow names exists in the org)
     * for this stack, with the reason, which every run logs. For emergencies only; the policy rule
     * prod-org-references refuses it in protected environments.
     */
    skipOrgReferenceCheck: z
      .string()
      .trim()
      .min(1, "the reason for skipping the org-reference check (it is logged on every run)")
      .optional(),
    /** Per flow id: what people changed in the org that this stack may overwrite (see docs/people-in-the-org.md). */
    acknowledge: z
      .record(
        z
          .string()
          .regex(flowIdPattern, "a flow id or routing id: the file's path under flows/ or routing/ without .yaml"),
        acknowledgement,
      )
      .default({}),
    /**
     * Releases the stack keeps in its state (the stack output `releases`: what each up deployed,
     * for genesys-flows releases and rollback; docs/rollback.md), oldest dropped first. Default 20.
     */
    releasesKept: z
      .union([
        z.number(),
        z
          .string()
          .regex(/^[0-9]+$/, "a whole number")
          .transform(Number),
      ])
      .pipe(z.number().int().min(1).max(200))
      .optional(),
    /**
     * Per common module (flow id): roll a change of it out to its callers in waves, one wave per
     * `up` (docs/waves.md). The callers no wave names form the last wave. Default: none (a module
     * change republishes every caller in one `up`).
     */
    waves: z
      .record(
        z.string().regex(flowIdPattern, "a module's flow id: its file's path under flows/ without .yaml"),
        z.array(waveSpec).min(1, "list at least one wave"),
      )
      .default({}),
    /**
     * The org file (relative to the project, emulator/orgs/*.yaml) of the bundled emulator this
     * stack deploys to: `npm start` starts the emulator with it (default orgs/local.yaml),
     * and when it is set, lint and the review check the stack's org references against it offline.
     */
    emulatorOrg: z
      .string()
      .regex(
        /^(?![/\\])(?!.*(?:^|[/\\])\.\.(?:[/\\]|$))[^\0]+\.ya?ml$/,
        "a YAML file inside the project, by its path relative to the project, e.g. orgs/local.yaml",
      )
      .optional(),
    /** Unlock flows locked in the Architect UI before publishing. Default false. */
    forceUnlock: booleanLike.default(false),
    /**
     * Make the claim on a new flow's name the new flow itself (POST /api/v2/flows just before the
     * engine creates it, then configured by the provider's publish: run/ownership/claimGuard.ts). Default:
     * only where the org's probe record (orgs/<org id>.probe.yaml, `genesys-flows org probe --write`)
     * says its publish jobs configure a flow created by name; otherwise the claim is a flow of another
     * name held beside the publish (docs/assumptions.md, claimPublish).
     */
    claimNewNames: booleanLike.optional(),
    /** Where the official provider points. Default: the region from GENESYSCLOUD_REGION. */
    provider: providerTarget,
    /** OAuth client credentials (client id may be plain; the secret must be set with --secret). */
    oauthClientId: secretOrPlain.optional(),
    oauthClientSecret: secretOrPlain.optional(),
    /** A ready access token instead of client credentials (set with --secret). */
    accessToken: secretOrPlain.optional(),
  })
  .strict();

export type StackSettings = z.infer<typeof stackSettingsSchema>;

/** Keys of earlier versions, with what replaced them. */
const RETIRED_KEYS: Record<string, string> = {
  module:
    "every flow file under flows/ now belongs to every stack; remove genesys-flows:module (per-flow substitutions go under genesys-flows:flows.<id>.substitutions)",
  inboundFlows:
    "every flow file under flows/ now belongs to every stack; remove genesys-flows:inboundFlows (per-flow substitutions go under genesys-flows:flows.<id>.substitutions, shared ones under genesys-flows:substitutions)",
};

const EXPECTED: Record<string, string> = {
  string: "a string",
  object: "a mapping",
  array: "a list",
  boolean: "true or false",
  record: "a mapping",
  number: "a number",
};

/** The valid keys at a path of the settings, for "unknown key" messages. */
function validKeysAt(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(stackSettingsSchema.shape);
  if (path[0] === "flows" && path.length === 2) return Object.keys(flowSettings.shape);
  // From the schemas themselves, so a new setting is named in the message without a list to keep.
  if ((path[0] === "routing" || path[0] === "objects") && path.length === 1) return Object.keys(routingFields.shape);
  if (path[0] === "provider" && path.length === 1) return Object.keys(providerFields.shape);
  if (path[0] === "provider" && path[1] === "gateway") return Object.keys(providerGateway.shape);
  return [];
}

/**
 * Validates stack settings. `raw` is either the `config:` mapping of a stack file (keys
 * `genesys-flows:<key>`; keys of other namespaces such as `genesyscloud:*` are ignored) or a plain
 * object with the bare keys. `source` names where it came from in messages (e.g. `Pulumi.dev.yaml`).
 */
export function parseStackSettings(raw: unknown, source: string): StackSettings {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new FlowLoadError([{ file: source, message: `expected a config mapping, found ${describeValue(raw)}` }]);
  }
  const bare: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const colon = k.indexOf(":");
    if (colon < 0) bare[k] = v;
    else if (k.slice(0, colon) === CONFIG_NAMESPACE) bare[k.slice(colon + 1)] = v;
  }
  const parsed = stackSettingsSchema.safeParse(bare);
  if (parsed.success) return parsed.data;
  const issues: FlowIssue[] = parsed.error.issues.flatMap((i) => {
    const issue = i as typeof i & Record<string, unknown>;
    const path = i.path as PropertyKey[];
    const key = path.length > 0 ? `${CONFIG_NAMESPACE}:${pathText(path)}` : undefined;
    const found = describeValue(valueAt(bare, path));
    const field = key ? { field: key } : {};
    switch (i.code) {
      case "unrecognized_keys": {
        const valid = validKeysAt(path);
        return (issue.keys as string[]).map((k) => ({
          file: source,
          field: path.length === 0 ? `${CONFIG_NAMESPACE}:${k}` : `${key}.${k}`,
          message:
            path.length === 0 && Object.hasOwn(RETIRED_KEYS, k)
              ? `no longer a setting: ${RETIRED_KEYS[k]}`
              : path.length === 0 && renamedSetting(k) !== undefined
                ? `renamed to ${CONFIG_NAMESPACE}:${renamedSetting(k)!.to} in genesys-flows ${renamedSetting(k)!.version}: \`genesys-flows upgrade --write\` renames it in every stack file`
                : `unknown key${suggestThen(k, valid, `valid keys: ${listNames(valid)}`)}`,
        }));
      }
      case "invalid_type": {
        const expected = EXPECTED[String(issue.expected)] ?? String(issue.expected);
        return [
          {
            file: source,
            ...field,
            message: found === "nothing" ? `is missing; expected ${expected}` : `expected ${expected}, found ${found}`,
          },
        ];
      }
      case "invalid_key": {
        const k = String(path[path.length - 1]);
        return [
          {
            file: source,
            field: `${CONFIG_NAMESPACE}:${pathText(path.slice(0, -1))}`,
            message: `invalid key "${k}": ${((issue.issues as Array<{ message: string }>) ?? []).map((x) => x.message).join("; ")}`,
          },
        ];
      }
      default:
        return [{ file: source, ...field, message: `${i.message}, found ${found}` }];
    }
  });
  throw new FlowLoadError(issues);
}

/** A stack file's text (`Pulumi.<stack>.yaml`) -> its validated `genesys-flows:*` settings. `file` names it in messages. */
export function parseStackFile(text: string, file: string): StackSettings {
  const raw = parseYaml(text, file) as { config?: unknown } | null;
  if (raw !== null && (typeof raw !== "object" || Array.isArray(raw))) {
    throw new FlowLoadError([{ file, message: "expected a mapping with a config: key" }]);
  }
  return parseStackSettings(raw?.config ?? {}, file);
}
