// Which of an org's routing objects an import adopts, and the routing files and stack-file values
// that make the next `up` adopt them (issue 27 item 6). Pure: the org's objects, the stack's flows,
// its routing files and settings come in; the caller writes what comes out.
//
// An object is adopted when its name starts with the prefix asked for (ignoring case, as Genesys
// compares names). A name the stack's namePrefix starts is its file's name without the prefix;
// any other is kept as it is (`routing.objects.<id>.name` beside `adopt`: deployed under the
// prefix, it would be a new object beside it). Its file goes where the shipped routing keeps its kind (schedules/, hours/, ivr/, emergency/), named
// after it; references are written as routing ids (to objects adopted in the same run or already
// managed by the stack: adopted by id, or a routing file of that kind and published name) and as
// flow ids (the stack's flow adopted with that Genesys id, or publishing that name). What differs
// per org stays in the adopting stack's file with the `adopt` record: an IVR config's numbers and
// an emergency group switched on; the routing file holds none and is off, so another stack that
// deploys the file routes nothing it did not ask for. The files are validated by the routing schema.
import YAML from "yaml";
import type { OrgRef, OrgRoutingObject } from "../org/model";
import { type LoadedRouting, parseRoutingText } from "../model/routing/load";
import { ROUTING_DIR, ROUTING_KIND_UNITS, unitOf, type RoutingFile, type RoutingKind } from "../model/routing/schema";
import { FlowLoadError, formatIssue } from "../model/errors";
import { fileSlug } from "./plan";
import { runPipeline, type FlowSource, type StackContext } from "../planner/pipeline";
import { planRouting } from "../planner/routing";
import { parseStackFile, type StackSettings } from "../planner/stackSettings";
import { flowPublishedName, publishedRoutingName } from "../planner/names";
import { applySubstitutions } from "../model/placeholders";
import { kindOf } from "../model/kinds";
import { STACK_FLOWS_FOLDER } from "../planner/select";
import type { RoutingFlowFacts } from "../checks/routing";
import { cmp } from "../archy/json";

/** Where adopted files of each kind go under routing/ (the kind's folder, as the shipped example keeps them). */
export const ADOPT_FOLDERS: Readonly<Record<RoutingKind, string>> = Object.fromEntries(
  ROUTING_KIND_UNITS.map((u) => [u.kind, u.folder]),
) as Record<RoutingKind, string>;

const KIND_LABEL = (kind: RoutingKind): string => unitOf(kind).label;

/** A flow of the stack, as routing names it. */
export interface StackFlowFacts {
  id: string;
  publishedName: string;
  /** The Genesys id the stack file (or this import) adopts for it. */
  adopt?: string;
}

/** A routing object the stack already declares (a routing file, its stack values applied or not). */
export interface StackRoutingFacts {
  id: string;
  kind: RoutingKind;
  publishedName: string;
  adopt?: string;
}

export interface RoutingAdoptionInput {
  org: readonly OrgRoutingObject[];
  prefix: string;
  namePrefix: string;
  stack: string;
  stackFile: string;
  flows: readonly StackFlowFacts[];
  routing: readonly StackRoutingFacts[];
  force: boolean;
  /** Whether a file exists (relative to the project root, posix). */
  exists: (file: string) => boolean;
}

export interface AdoptedRoutingFile {
  /** Relative to the project root, posix: routing/<id>.yaml. */
  file: string;
  id: string;
  kind: RoutingKind;
  text: string;
  /** The Genesys id it adopts. */
  orgId: string;
  /** What it came from, for messages. */
  source: string;
  overwrites: boolean;
  /** Values for the adopting stack's file (`genesys-flows:routing.objects.<id>`), besides `adopt`. */
  stackValues: Record<string, unknown>;
}

export interface RoutingAdoption {
  files: AdoptedRoutingFile[];
  problems: string[];
  /** How many org objects the prefix selected (with or without problems). */
  selected: number;
}

/** The routing files that adopt the selected org objects; nothing to write when `problems` is not empty. */
export function planRoutingAdoption(input: RoutingAdoptionInput): RoutingAdoption {
  const problems: string[] = [];
  const prefix = input.prefix.toLowerCase();
  const what = (o: OrgRoutingObject) => `org ${KIND_LABEL(o.kind)} "${o.name}" (${o.id})`;
  const candidates = input.org.filter((o) => o.name.toLowerCase().startsWith(prefix));
  // A name the stack's prefix starts is the file's name without it; any other is kept as it is
  // (genesys-flows:routing.objects.<id>.name): deployed under the prefix it would be a new object.
  const prefixed = (o: OrgRoutingObject) =>
    o.name.startsWith(input.namePrefix) && o.name.length > input.namePrefix.length;
  const fileName = (o: OrgRoutingObject) => (prefixed(o) ? o.name.slice(input.namePrefix.length) : o.name);

  // Routing ids: this run's, then the objects the stack manages already.
  const idOf = new Map<string, string>();
  const taken = new Map<string, OrgRoutingObject>();
  for (const o of candidates) {
    // Under routing/stacks/<stack>/: the stack's org's objects, which no other stack deploys.
    const id = `${STACK_FLOWS_FOLDER}/${input.stack}/${ADOPT_FOLDERS[o.kind]}/${fileSlug(fileName(o))}`;
    const other = taken.get(id);
    if (other) {
      problems.push(
        `${ROUTING_DIR}/${id}.yaml: both ${what(other)} and ${what(o)} would be adopted into this file; rename one of them in Genesys`,
      );
      continue;
    }
    taken.set(id, o);
    idOf.set(o.id, id);
  }
  const managed = (kind: RoutingKind, ref: { id: string; name?: string }) =>
    input.routing.find((r) => r.kind === kind && r.adopt === ref.id)?.id ??
    (ref.name !== undefined
      ? input.routing.find(
          (r) => r.kind === kind && r.adopt === undefined && r.publishedName.toLowerCase() === ref.name!.toLowerCase(),
        )?.id
      : undefined);
  const orgById = new Map(input.org.map((o) => [o.id, o]));

  const files: AdoptedRoutingFile[] = [];
  for (const o of candidates) {
    const id = idOf.get(o.id);
    if (id === undefined) continue;
    const refProblems: string[] = [];
    const routingRef = (kind: RoutingKind, refId: string, field: string): string => {
      const inRun = idOf.get(refId);
      if (inRun !== undefined) return inRun;
      const name = orgById.get(refId)?.name;
      const stackId = managed(kind, { id: refId, ...(name !== undefined ? { name } : {}) });
      if (stackId !== undefined) return stackId;
      refProblems.push(
        `${what(o)}: its ${field} is ${KIND_LABEL(kind)} ${name !== undefined ? `"${name}" ` : ""}(${refId}), which this import does not adopt and the stack does not manage; adopt it too (a --prefix that selects it), or adopt it by hand`,
      );
      return refId;
    };
    const flowRef = (ref: OrgRef, field: string): string => {
      const byId = input.flows.find((f) => f.adopt === ref.id);
      const byName =
        ref.name !== "" ? input.flows.find((f) => f.publishedName.toLowerCase() === ref.name.toLowerCase()) : undefined;
      const flow = byId ?? byName;
      if (flow) return flow.id;
      refProblems.push(
        `${what(o)}: its ${field} is flow "${ref.name}" (${ref.id}), which no flow file of stack "${input.stack}" publishes; adopt the flow too (flows:import --stack ${input.stack} --prefix "${ref.name}"), or add it`,
      );
      return ref.id;
    };
    const common = { name: fileName(o), ...(o.description !== undefined ? { description: o.description } : {}) };
    const adopted = unitOf(o.kind).adopt!.toFile(o, common, {
      routing: (kind, refId, field) => routingRef(kind as RoutingKind, refId, field),
      flow: flowRef,
      problem: (m) => refProblems.push(`${what(o)}: ${m}`),
    });
    const value = adopted?.value;
    const stackValues = {
      ...(adopted?.stackValues ?? {}),
      ...(prefixed(o) || !unitOf(o.kind).named ? {} : { name: o.name }),
    };
    problems.push(...refProblems);
    if (!value || refProblems.length > 0) continue;
    const file = `${ROUTING_DIR}/${id}.yaml`;
    const source = `${what(o)} of stack ${input.stack}`;
    const text = routingYaml(value, file, source, input.stackFile, stackValues);
    try {
      parseRoutingText(text, file);
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
      problems.push(...e.issues.map((i) => `${formatIssue(i)} (adopting ${what(o)})`));
      continue;
    }
    const overwrites = input.exists(file);
    if (overwrites && !input.force)
      problems.push(`${file}: exists; adopting ${what(o)} would overwrite it; pass --force to overwrite it`);
    files.push({ file, id, kind: o.kind, text, orgId: o.id, source, overwrites, stackValues });
  }

  problems.push(...stackClashes(files, input));
  if (candidates.length === 0) return { files: [], problems: [], selected: 0 };
  return {
    files: files.sort((a, b) => cmp(a.file, b.file)),
    problems: [...new Set(problems)],
    selected: candidates.length,
  };
}

/** Names and records the stack has already: a routing file of the stack with the adopted name, another adoption of the object, another object recorded for the file. */
function stackClashes(files: readonly AdoptedRoutingFile[], input: RoutingAdoptionInput): string[] {
  const problems: string[] = [];
  for (const f of files) {
    const name = `${input.namePrefix}${String((YAML.parse(f.text) as { name: string }).name)}`.toLowerCase();
    const clash = input.routing.find(
      (r) => r.kind === f.kind && r.id !== f.id && r.publishedName.toLowerCase() === name && r.adopt !== f.orgId,
    );
    if (clash)
      problems.push(
        `${f.file}: routing/${clash.id}.yaml already deploys a ${KIND_LABEL(f.kind)} named "${clash.publishedName}" in stack ${input.stack}; adopting ${f.source.replace(/ of stack .*$/, "")} beside it would give two objects one name`,
      );
    const other = input.routing.find((r) => r.adopt === f.orgId && r.id !== f.id);
    if (other)
      problems.push(
        `${input.stackFile}: ${KIND_LABEL(f.kind)} ${f.orgId} is already adopted by routing/${other.id}.yaml (genesys-flows:routing.objects.${other.id}.adopt); an object can be adopted by one file only`,
      );
    const recorded = input.routing.find((r) => r.id === f.id)?.adopt;
    if (recorded !== undefined && recorded !== f.orgId && !input.force)
      problems.push(
        `${input.stackFile}: genesys-flows:routing.objects.${f.id}.adopt already names ${recorded}; pass --force to adopt ${f.orgId} instead`,
      );
  }
  return problems;
}

/** A routing file's text: the editor schema, where it came from, then the object in the format's key order. */
function routingYaml(
  value: RoutingFile,
  file: string,
  source: string,
  stackFile: string,
  stackValues: Record<string, unknown>,
): string {
  const depth = file.split("/").length - 1;
  const lines = [
    `# yaml-language-server: $schema=${"../".repeat(depth)}schema/routing.schema.json`,
    `# Adopted from ${source} (flows:import).`,
  ];
  if (Object.keys(stackValues).length > 0)
    lines.push(
      `# That org's ${Object.keys(stackValues).sort().join(" and ")} are in ${stackFile} (genesys-flows:routing.objects); other stacks set their own.`,
    );
  return `${lines.join("\n")}\n${YAML.stringify(value, { version: "1.2", lineWidth: 0 })}`;
}

/** The stack's flows as routing adoption names them: the portfolio's files (and this run's), loaded for the stack. */
export function stackFlowFacts(
  sources: readonly FlowSource[],
  stack: StackContext,
  adopted: ReadonlyMap<string, string>,
): Array<StackFlowFacts & RoutingFlowFacts> {
  const result = runPipeline({ sources, stack, checks: "none", compile: false });
  return result.flows.map((f) => {
    const adopt = adopted.get(f.id) ?? stack.settings.flows[f.id]?.adopt;
    const name = applySubstitutions(String(f.model.name), f.substitutions);
    return {
      id: f.id,
      publishedName: flowPublishedName(stack.settings, f.id, name),
      apiType: kindOf(f.model.kind).apiType,
      ...(adopt !== undefined ? { adopt } : {}),
    };
  });
}

/** The stack's routing files as adoption sees them (files that do not load are lint's business and left out). */
export function stackRoutingFacts(sources: readonly FlowSource[], settings: StackSettings): StackRoutingFacts[] {
  const out: StackRoutingFacts[] = [];
  for (const s of sources) {
    let loaded: LoadedRouting;
    try {
      loaded = parseRoutingText(s.text, s.file);
    } catch (e) {
      if (e instanceof FlowLoadError) continue;
      throw e;
    }
    const { adopt, name } = settings.routing.objects[s.id] ?? {};
    out.push({
      id: s.id,
      kind: loaded.value.kind,
      publishedName:
        typeof name === "string" && typeof adopt === "string"
          ? name
          : publishedRoutingName(settings.namePrefix, loaded.value),
      ...(typeof adopt === "string" ? { adopt } : {}),
    });
  }
  return out;
}

/**
 * The stack's whole routing once the adopted files and the stack file's new text are in place,
 * planned as `up` plans it (planner/routing.ts: stack values, the one routing check
 * implementation): its core problems, each naming its file and line; none when it would deploy.
 */
export function adoptedRoutingProblems(input: {
  stackFileText: string;
  stackFile: string;
  sources: readonly FlowSource[];
  adopted: readonly AdoptedRoutingFile[];
  flows: readonly RoutingFlowFacts[];
}): string[] {
  try {
    const settings = parseStackFile(input.stackFileText, input.stackFile);
    const replaced = new Set(input.adopted.map((f) => f.id));
    const sources = [
      ...input.sources.filter((s) => !replaced.has(s.id)),
      ...input.adopted.map((f) => ({ id: f.id, file: f.file, text: f.text })),
    ];
    planRouting({ settings, sources, flows: input.flows, stackFile: input.stackFile });
    return [];
  } catch (e) {
    if (e instanceof FlowLoadError) return e.issues.map(formatIssue);
    throw e;
  }
}
