// What a CX-as-Code configuration and its state become (issue 55): each `genesyscloud_flow` an
// imported flow (its Archy through the Archy importer, its Terraform substitutions stack values,
// its state id an adoption record), each routing resource an org routing object as adoption from
// an org reads one (so import/adoptRouting.ts writes its file and records), everything else a
// resource that stays in Terraform, with why. Every problem is located in the user's files
// (file:line) and collected: nothing is written unless the whole migration is consistent.
// Pure: the parsed configuration, the state and a reader of the Archy files come in.
import { posix } from "path";
import { importArchyText, ImportError, type ImportResult } from "..";
import { applySubstitutions, findPlaceholders } from "../../model/placeholders";
import type { OrgRef, OrgRoutingObject } from "../../org/model";
import type { RoutingKindUnit } from "../../model/routing/kind";
import { ROUTING_KIND_UNITS, type RoutingFile } from "../../model/routing/kinds";
import { attributeLine, evaluate, type SourceFile, type TfConfig, type TfResource } from "./config";
import type { StateResource, TfState } from "./state";

export const FLOW_TYPE = "genesyscloud_flow";

/** Terraform routing resource types the routing format takes (the routing kinds' own, model/routing/kinds), with their kind's unit. */
export const ROUTING_TYPES: ReadonlyMap<string, RoutingKindUnit<RoutingFile>> = new Map(ROUTING_KIND_UNITS.flatMap((u) => (u.adopt?.terraform ? [[u.adopt.terraform.resource, u] as const] : [])));

/** Resource types the migration knows and leaves in Terraform, with why. */
const STAYING: Readonly<Record<string, string>> = {
  genesyscloud_telephony_providers_edges_did_pool: "a DID pool: the routing format has DID pools, but adopting one is not built yet (the stack would create it again); it stays with the telephony team's Terraform",
};

/** Where a substitution's value came from, for the report. */
export interface SubstitutionOrigin {
  key: string;
  value: string;
  from: string;
  /** The value is computed from another resource: recorded as the state holds it, it no longer follows that resource. */
  computed?: string;
}

export interface MigratedFlow {
  address: string;
  /** Where it came from (`<dir>/archy/main.yaml` for resource <address>). */
  source: string;
  result: ImportResult;
  /** The Genesys id the state holds. */
  flowId: string;
  publishedName: string;
  /** Stack values of the flow (only keys its model still holds as placeholders). */
  substitutions: Record<string, string>;
  origins: SubstitutionOrigin[];
}

export interface MigratedRouting {
  address: string;
  object: OrgRoutingObject;
}

export interface Migration {
  flows: MigratedFlow[];
  routing: MigratedRouting[];
  staying: Array<{ address: string; why: string }>;
  /** What the migration records that a person should know (values taken from the state, ...). */
  notes: string[];
  problems: string[];
}

export interface MigrationInput {
  /** The configuration directory as messages name it. */
  dir: string;
  config: TfConfig;
  files: readonly SourceFile[];
  state?: TfState;
  stateFile?: string;
  /** The text of a file inside the directory (posix, relative), undefined when it does not exist. */
  readFile: (file: string) => string | undefined;
  namePrefix: string;
  stack: string;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export function planMigration(input: MigrationInput): Migration {
  const out: Migration = { flows: [], routing: [], staying: [], notes: [], problems: [] };
  const at = (r: TfResource, attribute?: string) => `${input.dir}/${r.file}:${attribute ? attributeLine(input.files, r, attribute) : r.line}`;
  const stateOf = (address: string) => input.state?.resources.get(address);
  const migratedTypes = new Set([FLOW_TYPE, ...ROUTING_TYPES.keys()]);

  for (const m of input.config.modules) {
    out.problems.push(`${input.dir}/${m.file}:${m.line}: module "${m.name}" (source ${m.source}): the migration reads one configuration directory; run it on the module's directory with its state, or move the flows out of the module first`);
  }
  for (const address of input.state?.elsewhere ?? []) {
    const type = address.replace(/^(module\.[^.]+\.)+/, "").split(".")[0];
    if (migratedTypes.has(type)) out.problems.push(`${input.stateFile}: ${address} is in a module or has several instances (count/for_each): the migration takes single resources of the root module only`);
  }

  const flowName = new Map<string, string>();
  for (const s of input.state?.resources.values() ?? []) if (s.type === FLOW_TYPE && typeof s.attributes.name === "string") flowName.set(String(s.attributes.id), s.attributes.name);

  for (const r of input.config.resources) {
    const migrated = r.type === FLOW_TYPE || ROUTING_TYPES.has(r.type);
    if (!migrated) {
      out.staying.push({ address: r.address, why: STAYING[r.type] ?? (r.type.startsWith("genesyscloud_") ? "not a flow or a routing object: queues, users, data actions, integrations... stay in Terraform" : "not a Genesys Cloud resource") });
      continue;
    }
    const repeated = ["count", "for_each"].find((k) => Object.hasOwn(r.body, k));
    if (repeated) {
      out.problems.push(`${at(r, repeated)}: ${r.address} uses ${repeated}: one resource stands for several flows or objects, which the migration cannot name one by one; write them out as single resources (and \`terraform state mv\` them) first`);
      continue;
    }
    if (Object.hasOwn(r.body, "dynamic")) {
      out.problems.push(`${at(r)}: ${r.address} has a dynamic block: its content is computed when Terraform runs; write the blocks out first`);
      continue;
    }
    const s = stateOf(r.address);
    if (input.state && !s) {
      out.problems.push(`${at(r)}: ${r.address} is in the configuration but not in the state ${input.stateFile}: apply it first, or give the state this configuration was applied with`);
      continue;
    }
    if (!s) {
      out.problems.push(`${at(r)}: ${r.address}: no state to adopt it from; give --state (a terraform.tfstate, or \`tofu show -json\` output)`);
      continue;
    }
    if (r.type === FLOW_TYPE) migrateFlow(input, r, s, at, out);
    else out.routing.push({ address: r.address, object: routingObject(ROUTING_TYPES.get(r.type)!, s, flowName) });
  }
  for (const [address, s] of input.state?.resources ?? []) {
    if (migratedTypes.has(s.type) && !input.config.resources.some((r) => r.address === address)) {
      out.problems.push(`${input.stateFile}: ${address} (id ${String(s.attributes.id)}) is in the state but not in the configuration: the state does not match it (another directory's state, or a resource removed without being applied)`);
    }
  }
  return out;
}

function migrateFlow(input: MigrationInput, r: TfResource, s: StateResource, at: (r: TfResource, a?: string) => string, out: Migration): void {
  const filepath = evaluate(input.config, r.body.filepath);
  if (!filepath.ok || typeof filepath.value !== "string") {
    out.problems.push(`${at(r, "filepath")}: ${r.address}: the file path is not a literal (${filepath.ok ? "not text" : filepath.why}): the migration reads the file Terraform publishes, so write the path out`);
    return;
  }
  const file = posix.normalize(filepath.value.replace(/\\/g, "/"));
  if (/^[a-z0-9]+:\/\//i.test(file) || posix.isAbsolute(file) || file === ".." || file.startsWith("../")) {
    out.problems.push(`${at(r, "filepath")}: ${r.address}: filepath "${filepath.value}" is outside ${input.dir}: the migration reads only files of the configuration's directory`);
    return;
  }
  const text = input.readFile(file);
  if (text === undefined) {
    out.problems.push(`${at(r, "filepath")}: ${r.address}: ${input.dir}/${file} does not exist`);
    return;
  }
  const source = `${input.dir}/${file}`;
  // The substitutions: per key, the value for this environment and where it came from.
  const raw = r.body.substitutions;
  const whole = raw === undefined ? { ok: true as const, value: {}, from: [] } : evaluate(input.config, raw);
  const entries: Array<[string, unknown]> = whole.ok && typeof whole.value === "object" && whole.value !== null ? Object.entries(whole.value) : typeof raw === "object" && raw !== null ? Object.entries(raw) : [];
  if (!whole.ok && (typeof raw !== "object" || raw === null)) {
    out.problems.push(`${at(r, "substitutions")}: ${r.address}: substitutions ${whole.why}: write the map out`);
    return;
  }
  const inState = (typeof s.attributes.substitutions === "object" && s.attributes.substitutions !== null ? s.attributes.substitutions : {}) as Record<string, unknown>;
  const origins: SubstitutionOrigin[] = [];
  let bad = false;
  for (const [key, v] of entries) {
    const e = evaluate(input.config, v);
    const stateValue = typeof inState[key] === "string" ? (inState[key] as string) : undefined;
    if (e.ok) {
      const value = typeof e.value === "string" ? e.value : JSON.stringify(e.value);
      if (stateValue !== undefined && stateValue !== value) {
        out.problems.push(`${at(r, "substitutions")}: ${r.address}: substitution "${key}" is ${JSON.stringify(value)} with this environment's variables but ${JSON.stringify(stateValue)} in the state ${input.stateFile}: the state does not match the configuration (another environment's state, or a change not applied)`);
        bad = true;
        continue;
      }
      origins.push({ key, value, from: e.from.length > 0 ? [...new Set(e.from)].join("; ") : "a literal" });
    } else if (e.reference && stateValue !== undefined) {
      origins.push({ key, value: stateValue, from: `the state (${input.stateFile})`, computed: `${e.reference.address}.${e.reference.attribute}` });
    } else {
      out.problems.push(`${at(r, "substitutions")}: ${r.address}: substitution "${key}": ${e.ok ? "" : e.why}, and the state holds no value for it: set it by hand under genesys-flows:flows.<id>.substitutions after the migration, or make it a variable`);
      bad = true;
    }
  }
  if (bad) return;
  const values = Object.fromEntries(origins.map((o) => [o.key, o.value]));
  const missing = findPlaceholders(text).filter((k) => !Object.hasOwn(values, k));
  if (missing.length > 0) {
    out.problems.push(`${at(r, "substitutions")}: ${r.address}: ${source} holds ${missing.map((k) => `{{${k}}}`).join(", ")}, which its substitutions do not give: Terraform would publish the placeholder as it is`);
    return;
  }
  const publishedName = str(s.attributes.name) ?? publishedNameIn(applySubstitutions(text, values));
  if (publishedName === undefined) {
    out.problems.push(`${source}: the flow has no name`);
    return;
  }
  if (!publishedName.startsWith(input.namePrefix) || publishedName.length === input.namePrefix.length) {
    out.problems.push(`${at(r)}: ${r.address} publishes "${publishedName}", which does not start with stack "${input.stack}"'s namePrefix "${input.namePrefix}": the stack would publish it as "${input.namePrefix}${publishedName}", a new flow beside it; migrate it into a stack whose namePrefix it carries (set genesys-flows:namePrefix to "" for a stack that keeps Terraform's names)`);
    return;
  }
  let result: ImportResult;
  try {
    result = importArchyText(text, { source, name: publishedName.slice(input.namePrefix.length) });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    if (e.verdict === "unsupported") out.staying.push({ address: r.address, why: `the flow model cannot express it: ${e.message}` });
    else out.problems.push(`${e.message} (${r.address})`);
    return;
  }
  // Keys only the name used are not placeholders of the model any more.
  const modelText = JSON.stringify(result.model);
  const kept = origins.filter((o) => modelText.includes(`{{${o.key}}}`));
  for (const o of kept.filter((o) => o.computed !== undefined)) {
    out.notes.push(`${r.address}: substitution "${o.key}" is computed in Terraform from ${o.computed}; the stack records the value the state holds (${JSON.stringify(o.value)}), which no longer follows it`);
  }
  out.flows.push({ address: r.address, source, result, flowId: String(s.attributes.id), publishedName, substitutions: Object.fromEntries(kept.map((o) => [o.key, o.value])), origins });
}

/** The `name:` of an Archy flow (its single top-level key's mapping), read without parsing the rest. */
function publishedNameIn(text: string): string | undefined {
  const m = /^[A-Za-z]+:\s*\n(?:[ \t]+.*\n|\s*\n)*?[ \t]+name:\s*(.+)$/m.exec(text);
  return m ? m[1].trim().replace(/^["']|["']$/g, "") : undefined;
}

/** A routing resource as the state holds it, in the shape adoption from an org reads (its kind's unit reads the attributes). */
export function routingObject(unit: RoutingKindUnit<RoutingFile>, s: StateResource, flowName: ReadonlyMap<string, string>): OrgRoutingObject {
  const a = s.attributes;
  const base = { kind: unit.kind, id: String(a.id), name: String(a.name ?? ""), ...(str(a.description) !== undefined ? { description: str(a.description)! } : {}) };
  const flow = (v: unknown): OrgRef | undefined => (str(v) !== undefined ? { id: str(v)!, name: flowName.get(str(v)!) ?? "" } : undefined);
  // ROUTING_TYPES holds only units with a Terraform reader; the units read the org objects adoption takes.
  return unit.adopt!.terraform!.read(a, base, flow) as OrgRoutingObject;
}

/** The commands that hand the migrated resources over without destroying them. */
export function stateRmCommands(m: Migration): string[] {
  return [...m.flows.map((f) => f.address), ...m.routing.map((r) => r.address)].sort().map((a) => `terraform state rm '${a}'`);
}
