// The org file (the emulator's `--org <file.yaml>`, a stack's genesys-flows:emulatorOrg): the queues,
// data actions, schedules, prompts, ... an emulated org has, so that strict publishes can check
// every reference, the API routes can answer for them, and lint and the review can run the
// org-reference check offline (project/orgFileCheck.ts). Each list is the `orgFileKey` of an org
// object kind (archy/orgObjectKinds.ts). Parsing is pure; `loadOrgFile` is the only I/O.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { isKnownType } from "../archy/catalogue/types";
import { orgCatalog, type OrgCatalog } from "../archy/org";
import { OBJECT_KIND_NAMES, ORG_OBJECT_KIND_NAMES, ORG_OBJECT_KINDS } from "../archy/orgObjectKinds";
import { checkedFlowsOf, orgReferencesOf, type LocatedReference } from "../checks/orgReferences";
import type { Portfolio } from "../planner/portfolio";
import { formatYamlProblem, readYaml } from "../model/yamlReader";

const name = z.string().trim().min(1).max(500);
/** Either a bare name or `{name, ...}` (extra fields describe the object in API answers). */
const namedObject = z.union([
  name.transform((n) => ({ name: n })),
  z.object({ name, description: z.string().optional() }).strict(),
]);
const archyType = z
  .string()
  .refine((t) => isKnownType(t), { message: "not an Archy data type (string, integer, boolean, queue, ...)" });

const dataAction = z
  .object({
    category: name,
    name,
    /** The integration it belongs to (integrations:), by name; absent: one named as its category. */
    integration: name.optional(),
    /** Input names and their Archy types; omit to leave the contract undescribed. */
    inputs: z.record(z.string().min(1), archyType).optional(),
    /** Success output names (as Archy writes them, e.g. "details.code") and their Archy types. */
    outputs: z.record(z.string().min(1), archyType).optional(),
    secure: z.boolean().optional(),
  })
  .strict();

const flowRef = z.object({ name, type: z.string().trim().min(1) }).strict();

/** A local date-time as Genesys writes a schedule's start and end (2026-01-05T08:00:00.000). */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/, "a local date-time such as 2026-01-05T08:00:00.000");

/**
 * A schedule: a bare name, or `{name, start, end, rrule?}` with its times (the spec's Schedule
 * requires start and end; a schedule given by name only is answered as open all day, every day:
 * SCHEDULE_DEFAULT_TIMES).
 */
const schedule = z.union([
  name.transform((n) => ({ name: n })),
  z
    .object({
      name,
      description: z.string().optional(),
      start: localDateTime.optional(),
      end: localDateTime.optional(),
      rrule: z.string().trim().min(1).optional(),
    })
    .strict()
    .refine((s) => (s.start === undefined) === (s.end === undefined), {
      message: "give both start and end, or neither",
    })
    .refine((s) => s.start === undefined || s.end === undefined || s.end > s.start, {
      message: "end must be after start",
    }),
]);

/** The org file `npm start` gives the emulator when the stack names none: what the shipped examples name. */
export const LOCAL_ORG_FILE = "orgs/local.yaml";

/** The times of a schedule the org file names without them: all day, every day (documented in emulator/README.md). */
export const SCHEDULE_DEFAULT_TIMES = {
  start: "2000-01-01T00:00:00.000",
  end: "2000-01-01T23:59:59.999",
  rrule: "FREQ=DAILY",
} as const;

export const OrgFileSchema = z
  .object({
    queues: z.array(namedObject).default([]),
    skills: z.array(namedObject).default([]),
    /** Routing languages (language skills), e.g. "English". */
    languages: z.array(namedObject).default([]),
    /** Schedules by name, or with their times ({name, start, end, rrule?}). */
    schedules: z.array(schedule).default([]),
    scheduleGroups: z.array(namedObject).default([]),
    emergencyGroups: z.array(namedObject).default([]),
    wrapupCodes: z.array(namedObject).default([]),
    /** User prompts; system prompts (PromptSystem.*) exist in every org and need no entry. */
    prompts: z.array(namedObject).default([]),
    contactLists: z.array(namedObject).default([]),
    users: z.array(namedObject).default([]),
    groups: z.array(namedObject).default([]),
    dataTables: z.array(namedObject).default([]),
    botFlows: z.array(namedObject).default([]),
    digitalBotFlows: z.array(namedObject).default([]),
    /** Flows referenced by name (transferToFlow) that are published outside the emulator. */
    flows: z.array(flowRef).default([]),
    dataActions: z.array(dataAction).default([]),
    /** Integrations by name (a data action declared under objects/data-actions/ names one); each data action's is there too. */
    integrations: z.array(namedObject).default([]),
    /** Divisions besides Home (objects may be written into them; see emulator/divisions.ts). */
    divisions: z.array(namedObject).default([]),
  })
  .strict();

export type OrgFile = z.output<typeof OrgFileSchema>;
export type OrgFileInput = z.input<typeof OrgFileSchema>;

export class OrgFileError extends Error {
  constructor(file: string, reason: string) {
    super(`org file ${file}: ${reason}`);
    this.name = "OrgFileError";
  }
}

/** Parse an org file's text (YAML 1.2 through the shared reader). Throws OrgFileError naming the file and line. */
export function parseOrgFile(text: string, file: string): OrgFile {
  const read = readYaml(text, { limits: { maxBytes: 5 * 1024 * 1024 } });
  if (!read.ok) throw new OrgFileError(file, read.problems.map(formatYamlProblem).join("; "));
  const parsed = OrgFileSchema.safeParse(read.value ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => {
      const loc = read.locator.locate(i.path as Array<string | number>);
      return `${i.path.join(".") || "<root>"} (line ${loc.line}): ${i.message}`;
    });
    throw new OrgFileError(file, issues.join("; "));
  }
  const org = parsed.data;
  const dup = duplicateName(org);
  if (dup) throw new OrgFileError(file, dup);
  return org;
}

export function loadOrgFile(file: string): OrgFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new OrgFileError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseOrgFile(text, file);
}

function duplicateName(org: OrgFile): string | undefined {
  for (const [key, list] of Object.entries(org)) {
    if (key === "dataActions" || key === "flows") continue;
    const seen = new Set<string>();
    for (const item of list as Array<{ name: string }>) {
      if (seen.has(item.name)) return `${key} lists "${item.name}" twice`;
      seen.add(item.name);
    }
  }
  const actions = new Set<string>();
  for (const a of org.dataActions) {
    const id = `${a.category}/${a.name}`;
    if (actions.has(id)) return `dataActions lists "${id}" twice`;
    actions.add(id);
  }
  return undefined;
}

export function emptyOrgFile(): OrgFile {
  return OrgFileSchema.parse({});
}

/** The org file as the Archy validator and the org-reference check see it: each kind's names, and the data actions' contracts. */
export function orgFileCatalog(file: OrgFile): OrgCatalog {
  const lists = file as unknown as Readonly<Record<string, ReadonlyArray<{ name: string }>>>;
  return orgCatalog({
    objects: Object.fromEntries(
      OBJECT_KIND_NAMES.map((kind) => [kind, lists[ORG_OBJECT_KINDS[kind].orgFileKey].map((i) => i.name)]),
    ),
    dataActions: file.dataActions.map(({ category, name, inputs, outputs }) => ({ category, name, inputs, outputs })),
  });
}

/** The org file's list of each org object kind (archy/orgObjectKinds.ts). */
const ORG_FILE_KEY: Readonly<Record<string, keyof OrgFileInput>> = Object.fromEntries(
  ORG_OBJECT_KIND_NAMES.map((k) => [k, ORG_OBJECT_KINDS[k].orgFileKey as keyof OrgFileInput]),
);

/**
 * The org a stack's portfolio needs, as an org file (data actions without a described contract):
 * every object its flows name but the flows the stack publishes itself and the objects its routing
 * and object files create (`created`, by kind and published name: routingObjectsOf) (init
 * --import, the e2e harness).
 */
export function orgFileOf(
  portfolio: Portfolio,
  created: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): OrgFileInput {
  const own = new Set(portfolio.flows.map((f) => f.publishedName));
  return orgFileNaming(
    orgReferencesOf(checkedFlowsOf(portfolio)).filter(
      (r) => !(r.kinds[0] === "flow" && own.has(r.name)) && !created.get(r.kinds[0])?.has(r.name),
    ),
  );
}

/** The org objects `refs` name, as an org file (data actions without a described contract). */
export function orgFileNaming(refs: readonly LocatedReference[]): OrgFileInput {
  const out: Record<string, Array<Record<string, unknown>>> = {};
  const add = (key: string, item: Record<string, unknown>) => {
    const list = (out[key] ??= []);
    if (!list.some((i) => JSON.stringify(i) === JSON.stringify(item))) list.push(item);
  };
  for (const r of refs) {
    const kind = r.kinds[0];
    if (kind === "dataAction") add(ORG_FILE_KEY.dataAction, { category: r.category ?? "", name: r.name });
    else if (kind === "flow")
      add(ORG_FILE_KEY.flow, { name: r.name, type: (r.flowTypes?.[0] ?? "INBOUNDCALL").toLowerCase() });
    else if (ORG_FILE_KEY[kind] !== undefined) add(ORG_FILE_KEY[kind], { name: r.name });
  }
  return out as OrgFileInput;
}
