// What a CX-as-Code estate and its state become (issues 55 and 62): each `genesyscloud_flow` of the
// root or a local module an imported flow (its Archy through the Archy importer, its Terraform
// substitutions stack values with where each came from, its state id (without a state, the id of
// the org's flow of its Terraform name, when there is one) an adoption record, its
// published name kept), each routing resource an org routing object as adoption from an org reads
// one (import/adoptRouting.ts writes its file and records), everything else a resource that stays
// in Terraform, with why. A value the configuration does not decide (a data source, another
// resource's attribute, a function, a variable nobody sets) is taken from the state, and the
// origin says so. Every problem is located in the user's files (file:line) and collected, and a
// flow or object that is not migrated is listed with why: nothing vanishes from the report.
// Pure: the estate, the state and a reader of the repository's files come in.
import { posix } from "node:path";
import { importArchyText, ImportError, type ImportResult } from "..";
import type { RawUse } from "../graph";
import { applySubstitutions, findPlaceholders } from "../../model/placeholders";
import type { OrgRef, OrgRoutingObject } from "../../org/model";
import type { RoutingKindUnit } from "../../model/routing/kind";
import { ROUTING_KIND_UNITS, type RoutingFile } from "../../model/routing/kinds";
import { attributeLine, type TfBlock } from "./config";
import { evaluate, type Estate, type Evaluated, type ModuleInstance } from "./estate";
import type { StateResource, TfState } from "./state";
import { cmp, isMap } from "../../archy/json";

export const FLOW_TYPE = "genesyscloud_flow";

/** Terraform routing resource types the routing format takes (the routing kinds' own, model/routing/kinds), with their kind's unit. */
export const ROUTING_TYPES: ReadonlyMap<string, RoutingKindUnit<RoutingFile>> = new Map(
  ROUTING_KIND_UNITS.flatMap((u) => (u.adopt?.terraform ? [[u.adopt.terraform.resource, u] as const] : [])),
);

/** Resource types the migration knows and leaves in Terraform, with why. */
const STAYING: Readonly<Record<string, string>> = {
  genesyscloud_telephony_providers_edges_did_pool:
    "a DID pool: the routing format has DID pools, but adopting one is not built yet (the stack would create it again); it stays with the telephony team's Terraform",
};

/** Where a substitution's value came from, for the report. */
export interface SubstitutionOrigin {
  key: string;
  value: string;
  /** `var.greeting from TF_VAR_greeting`, `a literal at infra/flows.tf:12`, `the state (infra/terraform.tfstate)...`. */
  from: string;
  /** The value is computed from another resource: recorded as the state holds it, it no longer follows that resource. */
  computed?: string;
  /** --no-state: the value is the name of this flow (an address): the name the stack publishes it under, filled in once every flow is migrated. */
  nameOf?: string;
}

/** Where a migrated resource is in the configuration: its module and block (the hand-over edits them). */
export interface TfPlace {
  address: string;
  instance: ModuleInstance;
  block: TfBlock;
  /** The name as the configuration writes it (an HCL template), for a data source by name; undefined when it cannot be written so. */
  nameExpression?: string;
  /** Why the data source's name is a literal (without nameExpression); default: the configuration does not write it as a template. */
  nameNote?: string;
}

export interface MigratedFlow extends TfPlace {
  /** The Archy file Terraform publishes, relative to the repository. */
  source: string;
  result: ImportResult;
  /** The Genesys id the state holds (with --no-state, the org's flow of Terraform's name and type); absent for a new flow of the stack. */
  flowId?: string;
  publishedName: string;
  /** --no-state: the name Terraform publishes it under, which the org is asked for. */
  terraformName?: string;
  /** The published name when the stack's namePrefix does not start it: kept as it is (genesys-flows:flows.<id>.name). */
  keptName?: string;
  /** Genesys's flow type, lower case (`inboundcall`): the flow data source takes it. */
  flowType: string;
  /** Stack values of the flow (only keys its model still holds as placeholders). */
  substitutions: Record<string, string>;
  origins: SubstitutionOrigin[];
  /** Archy actions that stay raw `archy` nodes, with why. */
  raw: RawUse[];
}

export interface MigratedRouting extends TfPlace {
  object: OrgRoutingObject;
}

export interface Migration {
  flows: MigratedFlow[];
  routing: MigratedRouting[];
  staying: Array<{ address: string; why: string }>;
  /** Flows and routing objects of the estate that are not migrated, with why (they stay in Terraform). */
  notMigrated: Array<{ address: string; why: string }>;
  /** What the migration records that a person should know (values taken from the state, ...). */
  notes: string[];
  problems: string[];
}

export interface MigrationInput {
  estate: Estate;
  state?: TfState;
  stateFile?: string;
  /** Convert without a state (--no-state): the flows `found` names are adopted, the others become new flows of the stack. */
  noState?: boolean;
  /** --no-state: by address, the id of the flow the org has once under the name Terraform publishes it under and its type. */
  found?: ReadonlyMap<string, string>;
  /** The text of a file of the repository (posix, relative), undefined when it does not exist. */
  readFile: (file: string) => string | undefined;
  namePrefix: string;
  stack: string;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Migrates every flow and routing resource of the estate's root and local modules (see the file's header). */
export function planMigration(input: MigrationInput): Migration {
  const out: Migration = {
    flows: [],
    routing: [],
    staying: [],
    notMigrated: [],
    notes: [],
    problems: [...input.estate.problems],
  };
  const migratedTypes = new Set([FLOW_TYPE, ...ROUTING_TYPES.keys()]);
  const flowName = new Map<string, string>();
  for (const s of input.state?.resources.values() ?? [])
    if (s.type === FLOW_TYPE && typeof s.attributes.name === "string")
      flowName.set(String(s.attributes.id), s.attributes.name);
  const refuse = (address: string, why: string, at: string) => {
    out.problems.push(`${at}: ${address}: ${why}`);
    out.notMigrated.push({ address, why });
  };

  for (const inst of input.estate.instances) {
    for (const r of inst.config.resources) {
      const address = `${inst.prefix}${r.local}`;
      if (!migratedTypes.has(r.type)) {
        out.staying.push({
          address,
          why:
            STAYING[r.type] ??
            (r.type.startsWith("genesyscloud_")
              ? "not a flow or a routing object: queues, users, data actions, integrations... stay in Terraform"
              : "not a Genesys Cloud resource"),
        });
        continue;
      }
      const at = (attribute?: string) =>
        `${r.file}:${attribute ? attributeLine(inst.config.files, r, attribute) : r.line}`;
      const repeated = ["count", "for_each"].find((k) => Object.hasOwn(r.body, k));
      if (repeated || inst.repeated) {
        refuse(
          address,
          `${repeated ? `uses ${repeated}` : `is in a module called with ${inst.repeated}`}: one block stands for several flows or objects, which the migration cannot name one by one; write them out as single resources (and \`terraform state mv\` them) first`,
          at(repeated),
        );
        continue;
      }
      if (Object.hasOwn(r.body, "dynamic")) {
        refuse(
          address,
          "has a dynamic block: its content is computed when Terraform runs; write the blocks out first",
          at(),
        );
        continue;
      }
      const s = input.state?.resources.get(address);
      if (input.noState) {
        if (r.type === FLOW_TYPE) migrateFlow(input, { address, instance: inst, block: r }, undefined, at, out);
        else
          out.notMigrated.push({
            address,
            why: "--no-state converts flows only: a routing object is adopted with the id the state holds; it stays in Terraform until the migration runs with the state",
          });
        continue;
      }
      if (!input.state) {
        refuse(
          address,
          "no state to adopt it from: give --state (a terraform.tfstate, or `tofu show -json` output), or --no-state to convert the flows into new ones",
          at(),
        );
        continue;
      }
      if (!s) {
        refuse(
          address,
          `is in the configuration but not in the state ${input.stateFile}: apply it first, or give the state this configuration was applied with`,
          at(),
        );
        continue;
      }
      if (r.type === FLOW_TYPE) migrateFlow(input, { address, instance: inst, block: r }, s, at, out);
      else {
        const unit = ROUTING_TYPES.get(r.type)!;
        out.routing.push({
          address,
          instance: inst,
          block: r,
          object: routingObject(unit, s, flowName),
          ...nameExpressionOf(r.body.name),
        });
      }
    }
  }
  for (const m of input.estate.remote) {
    const inState = [...(input.state?.resources.keys() ?? [])].filter(
      (a) => a.startsWith(`${m.address}.`) && migratedTypes.has(typeOf(a)),
    );
    for (const address of inState)
      out.notMigrated.push({
        address,
        why: `in module ${m.address} (source ${m.source}, ${m.at}), which is not a local directory: the migration reads only the repository's modules; vendor the module into the repository to migrate it`,
      });
  }
  if (input.noState) publishedNamesWithoutState(out, input.stack);
  const known = new Set([...out.flows, ...out.routing, ...out.notMigrated].map((x) => x.address));
  for (const address of input.state?.elsewhere ?? []) {
    if (migratedTypes.has(typeOf(address)) && !known.has(address))
      out.notMigrated.push({
        address,
        why: `has several instances in the state ${input.stateFile} (count/for_each): the migration takes single resources only`,
      });
  }
  const configured = new Set(
    input.estate.instances.flatMap((i) => i.config.resources.map((r) => `${i.prefix}${r.local}`)),
  );
  const remote = input.estate.remote.map((m) => `${m.address}.`);
  for (const [address, s] of input.state?.resources ?? []) {
    if (migratedTypes.has(s.type) && !configured.has(address) && !remote.some((p) => address.startsWith(p))) {
      out.problems.push(
        `${input.stateFile}: ${address} (id ${String(s.attributes.id)}) is in the state but not in the configuration: the state does not match it (another directory's state, or a resource removed without being applied)`,
      );
    }
  }
  out.notMigrated.sort((a, b) => cmp(a.address, b.address));
  return out;
}

/** `module.flows.genesyscloud_flow.main` -> `genesyscloud_flow`. */
const typeOf = (address: string) => address.replace(/^(module\.[^.]+\.)+/, "").split(".")[0];

/** The name as an HCL template, when the configuration writes it as a string template or a reference (a data source by name takes it); nothing when it names another resource. */
function nameExpressionOf(raw: unknown): { nameExpression?: string } {
  if (typeof raw !== "string" || /[\n"\\]/.test(raw) || /\$\{\s*(genesyscloud_|data\.)/.test(raw)) return {};
  return { nameExpression: JSON.stringify(raw) };
}

/** The flow's file, as Terraform resolves `filepath` (relative to the directory it runs in, the root), relative to the repository. */
function flowFile(
  input: MigrationInput,
  place: TfPlace,
  s: StateResource | undefined,
  at: (a?: string) => string,
  out: Migration,
): string | undefined {
  const e = evaluate(input.estate, place.instance, place.block.body.filepath);
  let value: string | undefined;
  if (e.ok && typeof e.value === "string") value = e.value;
  else if (str(s?.attributes.filepath) !== undefined) {
    value = str(s!.attributes.filepath)!;
    out.notes.push(
      `${at("filepath")}: ${place.address}: the file path is not decided by the configuration (${e.ok ? "not text" : e.why}); taken from the state ${input.stateFile}: "${value}"`,
    );
  } else {
    refuseFlow(
      out,
      place.address,
      `the file path is not decided by the configuration (${e.ok ? "not text" : e.why})${s ? " and the state holds none" : ""}: the migration reads the file Terraform publishes, so write the path out`,
      at("filepath"),
    );
    return undefined;
  }
  const normal = value.replace(/\\/g, "/");
  if (/^[a-z0-9]+:\/\//i.test(normal) || posix.isAbsolute(normal)) {
    refuseFlow(
      out,
      place.address,
      `filepath "${value}" is not a path inside the repository: the migration reads only the repository's files`,
      at("filepath"),
    );
    return undefined;
  }
  const file = posix.normalize(posix.join(input.estate.rootDir, normal));
  if (file === ".." || file.startsWith("../")) {
    refuseFlow(
      out,
      place.address,
      `filepath "${value}" (from ${input.estate.rootDir}, where Terraform runs) is outside the repository: the migration reads only the repository's files`,
      at("filepath"),
    );
    return undefined;
  }
  return file;
}

function refuseFlow(out: Migration, address: string, why: string, at: string): void {
  out.problems.push(`${at}: ${address}: ${why}`);
  out.notMigrated.push({ address, why });
}

/** Per substitution key: its value for this environment and where it came from, or the problems. */
function substitutionValues(
  input: MigrationInput,
  place: TfPlace,
  s: StateResource | undefined,
  at: (a?: string) => string,
  out: Migration,
): SubstitutionOrigin[] | undefined {
  const raw = place.block.body.substitutions;
  const inState = (
    typeof s?.attributes.substitutions === "object" && s.attributes.substitutions !== null
      ? s.attributes.substitutions
      : {}
  ) as Record<string, unknown>;
  const stateText = `the state ${input.stateFile}`;
  // Each entry is evaluated on its own; a map that is one expression (a local, a merge(...)) as a whole.
  let entries: Array<[string, Evaluated]>;
  if (raw === undefined) entries = [];
  else if (isMap(raw)) entries = Object.entries(raw).map(([k, v]) => [k, evaluate(input.estate, place.instance, v)]);
  else {
    const whole = evaluate(input.estate, place.instance, raw);
    if (whole.ok && isMap(whole.value))
      entries = Object.entries(whole.value).map(([k, v]) => [k, { ok: true, value: v, from: whole.from }]);
    else if (s)
      entries = Object.keys(inState).map((k) => [
        k,
        whole.ok ? { ok: false, gap: "expression", why: "the map is not a map" } : whole,
      ]);
    else {
      refuseFlow(
        out,
        place.address,
        `substitutions ${whole.ok ? "is not a map" : whole.why}: write the map out`,
        at("substitutions"),
      );
      return undefined;
    }
  }
  const origins: SubstitutionOrigin[] = [];
  let bad = false;
  for (const [key, e] of entries) {
    const stateValue = inState[key] === undefined || inState[key] === null ? undefined : String(inState[key]);
    if (e.ok) {
      const value = typeof e.value === "string" ? e.value : JSON.stringify(e.value);
      if (stateValue !== undefined && stateValue !== value) {
        refuseFlow(
          out,
          place.address,
          `substitution "${key}" is ${JSON.stringify(value)} with these variables but ${JSON.stringify(stateValue)} in ${stateText}: the state does not match the configuration (another environment's state or variables, or a change not applied)`,
          at(key),
        );
        bad = true;
        continue;
      }
      origins.push({
        key,
        value,
        from: e.from.length > 0 ? [...new Set(e.from)].join("; ") : `a literal at ${at(key)}`,
      });
    } else if (stateValue !== undefined) {
      origins.push({
        key,
        value: stateValue,
        from: `${stateText}: the configuration does not decide it (${e.why})`,
        ...(e.reference ? { computed: `${e.reference.address}.${e.reference.attribute}` } : {}),
      });
    } else if (input.noState && e.reference?.attribute === "name" && typeOf(e.reference.address) === FLOW_TYPE) {
      // Another flow's name (a module's, as a caller names it): the name the stack publishes it under, once it is migrated.
      origins.push({ key, value: "", from: "", nameOf: e.reference.address });
    } else {
      refuseFlow(
        out,
        place.address,
        `substitution "${key}": ${e.why}, and ${s ? `${stateText} holds no value for it` : "there is no state to take it from"}: set it under genesys-flows:flows.<id>.substitutions after the migration, or give its variable a value`,
        at(key),
      );
      bad = true;
    }
  }
  return bad ? undefined : origins;
}

function migrateFlow(
  input: MigrationInput,
  place: TfPlace,
  s: StateResource | undefined,
  at: (a?: string) => string,
  out: Migration,
): void {
  const { address, block } = place;
  const file = flowFile(input, place, s, at, out);
  if (file === undefined) return;
  const text = input.readFile(file);
  if (text === undefined) {
    refuseFlow(out, address, `${file} does not exist`, at("filepath"));
    return;
  }
  if (Object.hasOwn(block.body, "file_content_hash")) {
    out.notes.push(
      `${at("file_content_hash")}: ${address}: file_content_hash is ignored: provider 1.84 computes it (it is read-only there); the stack follows the flow's content by its revision`,
    );
  }
  const origins = substitutionValues(input, place, s, at, out);
  if (origins === undefined) return;
  const values = Object.fromEntries(origins.map((o) => [o.key, o.value]));
  const missing = findPlaceholders(text).filter((k) => !Object.hasOwn(values, k));
  if (missing.length > 0) {
    refuseFlow(
      out,
      address,
      `${file} holds ${missing.map((k) => `{{${k}}}`).join(", ")}, which its substitutions do not give: Terraform would publish the placeholder as it is`,
      at("substitutions"),
    );
    return;
  }
  const rawName = publishedNameIn(text);
  const terraformName =
    str(s?.attributes.name) ?? (rawName !== undefined ? applySubstitutions(rawName, values) : undefined);
  if (terraformName === undefined) {
    refuseFlow(out, address, `${file}: the flow has no name`, at());
    return;
  }
  // A name the stack's prefix starts keeps its file name without it; any other is kept as it is.
  const prefixed =
    input.namePrefix !== "" &&
    terraformName.startsWith(input.namePrefix) &&
    terraformName.length > input.namePrefix.length;
  const modelName = prefixed || input.namePrefix === "" ? terraformName.slice(input.namePrefix.length) : terraformName;
  // Without a state, a flow the org has (found) is adopted as with one; any other is a new flow of
  // the stack, published under its namePrefix: that name is what its callers call and what the
  // hand-over's data source looks up.
  const flowId = s ? String(s.attributes.id) : input.found?.get(address);
  const keptName = prefixed || input.namePrefix === "" || flowId === undefined ? undefined : terraformName;
  const publishedName = flowId === undefined ? `${input.namePrefix}${modelName}` : terraformName;
  let result: ImportResult;
  try {
    result = importArchyText(text, { source: file, name: modelName });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    if (e.verdict === "unsupported") {
      out.staying.push({ address, why: `the flow model cannot express it: ${e.message}` });
      out.notMigrated.push({ address, why: `the flow model cannot express it: ${e.message}` });
    } else refuseFlow(out, address, e.message, at());
    return;
  }
  // Keys only the name used are not placeholders of the model any more.
  const modelText = JSON.stringify(result.model);
  const kept = origins.filter((o) => modelText.includes(`{{${o.key}}}`));
  for (const o of kept.filter((o) => o.computed !== undefined)) {
    out.notes.push(
      `${address}: substitution "${o.key}" is computed in Terraform from ${o.computed}; the stack records the value the state holds (${JSON.stringify(o.value)}), which no longer follows it`,
    );
  }
  const rawSubs = block.body.substitutions;
  const nameTemplate =
    rawName === undefined
      ? undefined
      : rawName.replace(/\{\{([A-Za-z0-9_.-]+)\}\}/g, (m, k: string) => {
          const v = isMap(rawSubs) ? (rawSubs as Record<string, unknown>)[k] : undefined;
          return typeof v === "string" ? v : `\u0000${m}`;
        });
  const renamed = publishedName !== terraformName;
  out.flows.push({
    ...place,
    ...(nameTemplate !== undefined && !nameTemplate.includes("\u0000") && !renamed
      ? nameExpressionOf(nameTemplate)
      : {}),
    ...(renamed
      ? {
          nameNote: `the name stack "${input.stack}" publishes it under (--no-state: a new flow, under the stack's namePrefix), not the configuration's "${terraformName}"`,
        }
      : {}),
    source: file,
    result,
    ...(flowId !== undefined ? { flowId } : {}),
    publishedName,
    ...(input.noState ? { terraformName } : {}),
    ...(keptName !== undefined ? { keptName } : {}),
    flowType: archyTypeOf(text) ?? "",
    substitutions: Object.fromEntries(kept.map((o) => [o.key, o.value])),
    origins,
    raw: result.report.unmapped,
  });
}

/**
 * --no-state: each substitution that is another flow's name (a module's, as its callers name it in
 * Terraform: `genesyscloud_flow.greeting.name`) takes the name the stack publishes that flow under
 * (Terraform's when the org's flow of that name is adopted, else the stack's namePrefix's),
 * so a module and its callers keep agreeing in the stack; a flow naming one that is not migrated
 * is refused (its call would name a flow nothing publishes).
 */
function publishedNamesWithoutState(out: Migration, stack: string): void {
  // Until none is left: a flow refused here may be the one another flow names.
  for (let refused = true; refused; ) {
    refused = false;
    const migrated = new Set(out.flows.map((f) => f.address));
    for (const f of [...out.flows]) {
      const unknown = f.origins.find((o) => o.nameOf !== undefined && !migrated.has(o.nameOf));
      if (unknown === undefined) continue;
      out.flows.splice(out.flows.indexOf(f), 1);
      refuseFlow(
        out,
        f.address,
        `substitution "${unknown.key}" is the name of ${unknown.nameOf}, which is not migrated (see why), and there is no state to take it from`,
        `${f.block.file}:${f.block.line}`,
      );
      refused = true;
    }
  }
  const byAddress = new Map(out.flows.map((f) => [f.address, f]));
  for (const f of out.flows) {
    for (const o of f.origins) {
      if (o.nameOf === undefined) continue;
      const target = byAddress.get(o.nameOf)!;
      Object.assign(o, {
        value: target.publishedName,
        from: `the name stack "${stack}" publishes ${o.nameOf} under (--no-state: ${target.flowId !== undefined ? "the org's flow of that name, adopted" : "a new flow of the stack too"})`,
      });
      delete o.nameOf;
      if (Object.hasOwn(f.substitutions, o.key)) f.substitutions[o.key] = o.value;
    }
  }
}

/** The `name:` of an Archy flow (its single top-level key's mapping), read without parsing the rest. */
function publishedNameIn(text: string): string | undefined {
  const m = /^[A-Za-z]+:\s*\n(?:[ \t]+.*\n|\s*\n)*?[ \t]+name:\s*(.+)$/m.exec(text);
  return m ? m[1].trim().replace(/^["']|["']$/g, "") : undefined;
}

/** `inboundCall:` -> `inboundcall`: the flow's type as Genesys's API and the flow data source name it. */
function archyTypeOf(text: string): string | undefined {
  const m = /^([A-Za-z]+):\s*$/m.exec(text);
  return m ? m[1].toLowerCase() : undefined;
}

/** A routing resource as the state holds it, in the shape adoption from an org reads (its kind's unit reads the attributes). */
export function routingObject(
  unit: RoutingKindUnit<RoutingFile>,
  s: StateResource,
  flowName: ReadonlyMap<string, string>,
): OrgRoutingObject {
  const a = s.attributes;
  const base = {
    kind: unit.kind,
    id: String(a.id),
    name: String(a.name ?? ""),
    ...(str(a.description) !== undefined ? { description: str(a.description)! } : {}),
  };
  const flow = (v: unknown): OrgRef | undefined =>
    str(v) !== undefined ? { id: str(v)!, name: flowName.get(str(v)!) ?? "" } : undefined;
  // ROUTING_TYPES holds only units with a Terraform reader; the units read the org objects adoption takes.
  return unit.adopt!.terraform!.read(a, base, flow) as OrgRoutingObject;
}

/** The `terraform state rm` commands that forget the migrated resources (Terraform and OpenTofu before 1.7, which have no `removed` block). */
export function stateRmCommands(addresses: readonly string[]): string[] {
  return [...addresses].sort().map((a) => `terraform state rm '${a}'`);
}
