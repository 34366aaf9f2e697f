// Which of an org's flows an import adopts, and the record that makes the next `up` adopt them.
// Pure: the org's flows, the stack's settings and the stack file's text come in.
//
// A flow is adopted when its name starts with the prefix asked for (ignoring case, as Genesys
// compares names), is published (there is nothing else to export) and is of a kind the model has.
// It keeps its published name: one the stack's namePrefix starts is its file's name without the
// prefix; any other is recorded as the flow's kept name (`flows.<flow id>.name`, which the prefix
// does not touch), since publishing it under the prefix would make a new flow beside it. The
// record is `flows.<flow id>.adopt:
// <Genesys flow id>` in Pulumi.<stack>.yaml: the stack program gives that flow's genesyscloud.Flow
// Pulumi's `import` option, so `up` reads the flow into the state and updates it in place, with
// no delete and no create. Once the flow is in the state with that id Pulumi skips the import, so
// the record may stay; it must go if the stack is destroyed or the flow deleted in Genesys (an
// import of a flow that is gone fails the `up`).
import YAML from "yaml";
import { kindByFlowType } from "../model/kinds";
import type { OrgFlow } from "../org/model";
import type { StackSettings } from "../planner/stackSettings";
import { CONFIG_NAMESPACE } from "../planner/stackSettings";
import { planPortfolio } from "../planner/portfolio";
import type { FlowSource } from "../planner/pipeline";
import { FlowLoadError, formatIssue } from "../model/errors";
import { cmp } from "../archy/json";

export interface AdoptionCandidate {
  flow: OrgFlow;
  /** The model's name: the org name without the stack's namePrefix (the whole name when the prefix does not start it). */
  modelName: string;
  /** The org name, kept as it is (`flows.<id>.name`) when the stack's namePrefix does not start it. */
  keptName?: string;
  /** For the file's header and messages. */
  source: string;
}

/**
 * The org's flows an import adopts: those whose name starts with `prefix`, or is one of `names`
 * (as Genesys compares names, ignoring case).
 */
export function selectForAdoption(
  flows: readonly OrgFlow[],
  opts: { prefix?: string; names?: readonly string[]; namePrefix: string; stack: string },
): { candidates: AdoptionCandidate[]; skipped: string[]; problems: string[]; selected: number } {
  const candidates: AdoptionCandidate[] = [];
  const skipped: string[] = [];
  const problems: string[] = [];
  const names = new Set((opts.names ?? []).map((n) => n.toLowerCase()));
  const chosen = (name: string) =>
    opts.prefix !== undefined ? name.startsWith(opts.prefix.toLowerCase()) : names.has(name);
  const wanted = flows
    .filter((f) => !f.deleted && chosen(f.name.toLowerCase()))
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.flowId, b.flowId));
  for (const flow of wanted) {
    const what = `org flow "${flow.name}" (${flow.type}, ${flow.flowId})`;
    const kind = kindByFlowType(flow.type.toLowerCase());
    if (!kind) {
      skipped.push(`${what}: flow type ${flow.type} has no kind in the flow model`);
      continue;
    }
    if (!flow.publishedVersion) {
      skipped.push(`${what}: never published, so there is nothing to export`);
      continue;
    }
    const prefixed = flow.name.startsWith(opts.namePrefix) && flow.name.length > opts.namePrefix.length;
    candidates.push({
      flow,
      modelName: prefixed ? flow.name.slice(opts.namePrefix.length) : flow.name,
      ...(prefixed ? {} : { keptName: flow.name }),
      source: `org flow ${flow.flowId} "${flow.name}" (${flow.type}, version ${flow.publishedVersion.id}) of stack ${opts.stack}`,
    });
  }
  return { candidates, skipped, problems, selected: wanted.length };
}

/** Problems with recording `adoptions` (flow id -> Genesys id) in a stack whose settings are `settings`. */
export function adoptionConflicts(
  settings: StackSettings,
  adoptions: ReadonlyMap<string, string>,
  stackFile: string,
  force: boolean,
): string[] {
  const problems: string[] = [];
  for (const [id, orgId] of adoptions) {
    const recorded = settings.flows[id]?.adopt;
    if (recorded !== undefined && recorded !== orgId && !force) {
      problems.push(
        `${stackFile}: genesys-flows:flows.${id}.adopt already names flow ${recorded}; pass --force to adopt ${orgId} instead`,
      );
    }
    for (const [other, s] of Object.entries(settings.flows)) {
      if (other !== id && s.adopt === orgId)
        problems.push(
          `${stackFile}: flow ${orgId} is already adopted by ${other} (genesys-flows:flows.${other}.adopt); a flow can be adopted by one file only`,
        );
    }
  }
  return problems;
}

/**
 * The revision `up` computes for each adopted flow once the files and records are in place (the
 * planner's, as `up` plans the stack): the org runs the flow as its file says at that revision, so
 * `up` reads it and publishes nothing until it changes (planner/adoption.ts). When the stack does
 * not plan (another flow file is broken, ...), no revision and the problems: adoption still
 * works, the first `up` then republishes the adopted flows in place.
 */
export function adoptedRevisions(
  input: { stack: string; settings: StackSettings; stackFile: string; sources: readonly FlowSource[] },
  adoptions: ReadonlyMap<string, string>,
): { revisions: Map<string, string>; problems: string[] } {
  const flows = { ...input.settings.flows };
  for (const [id, orgId] of adoptions)
    flows[id] = { ...flows[id], substitutions: flows[id]?.substitutions ?? {}, adopt: orgId };
  try {
    const portfolio = planPortfolio({
      stack: input.stack,
      settings: { ...input.settings, flows },
      sources: input.sources,
      stackFile: input.stackFile,
    });
    return {
      revisions: new Map(portfolio.flows.filter((f) => adoptions.has(f.id)).map((f) => [f.id, f.revision])),
      problems: [],
    };
  } catch (e) {
    if (e instanceof FlowLoadError) return { revisions: new Map(), problems: e.issues.map(formatIssue) };
    throw e;
  }
}

/**
 * The stack file's text with `genesys-flows:flows.<id>.adopt` set for each adoption, and
 * `adoptedRevision` where `revisions` has one; comments and order kept.
 */
export function recordAdoptions(
  stackFileText: string,
  adoptions: ReadonlyMap<string, string>,
  revisions: ReadonlyMap<string, string> = new Map(),
): string {
  return recordStackValues(
    stackFileText,
    [...adoptions].flatMap(([id, orgId]) => [
      { path: [`${CONFIG_NAMESPACE}:flows`, id, "adopt"], value: orgId },
      ...(revisions.has(id)
        ? [{ path: [`${CONFIG_NAMESPACE}:flows`, id, "adoptedRevision"], value: revisions.get(id)! }]
        : []),
    ]),
  );
}

/** The stack file's text with `genesys-flows:flows.<id>.name` set for each flow whose published name the stack keeps as it is; comments and order kept. */
export function recordKeptNames(stackFileText: string, names: ReadonlyMap<string, string>): string {
  return recordStackValues(
    stackFileText,
    [...names].map(([id, name]) => ({ path: [`${CONFIG_NAMESPACE}:flows`, id, "name"], value: name })),
  );
}

/** The stack file's text pointing the stack at `provider`'s region or gateway (given on the command line), the other removed. */
export function recordProvider(stackFileText: string, provider: StackSettings["provider"] | undefined): string {
  if (provider === undefined) return stackFileText;
  const doc = YAML.parseDocument(stackFileText, { version: "1.2" });
  for (const place of ["region", "gateway"] as const)
    if (provider[place] === undefined) doc.deleteIn(["config", `${CONFIG_NAMESPACE}:provider`, place]);
  const given = Object.entries(provider).flatMap(([k, v]) => (v === undefined ? [] : [{ path: [k], value: v }]));
  return recordStackValues(
    doc.toString(),
    given.map((g) => ({ path: [`${CONFIG_NAMESPACE}:provider`, ...g.path], value: g.value })),
  );
}

/** The published names a stack keeps as they are, by flow id (its `flows.<id>.name`). */
export function keptNamesOf(settings: StackSettings): Record<string, string> {
  return Object.fromEntries(
    Object.entries(settings.flows).flatMap(([id, f]) => (f.name !== undefined ? [[id, f.name]] : [])),
  );
}

/**
 * The stack file's text with `genesys-flows:routing.objects.<id>` given `adopt: <Genesys id>` and
 * its stack values (an IVR config's numbers, ...) for each adopted routing object; comments and
 * order kept, other keys of the object left as they are.
 */
export function recordRoutingAdoptions(
  stackFileText: string,
  adoptions: ReadonlyArray<{ id: string; orgId: string; stackValues: Record<string, unknown> }>,
): string {
  return recordStackValues(
    stackFileText,
    adoptions.flatMap((a) => [
      { path: [`${CONFIG_NAMESPACE}:routing`, "objects", a.id, "adopt"], value: a.orgId as unknown },
      ...Object.entries(a.stackValues).map(([key, value]) => ({
        path: [`${CONFIG_NAMESPACE}:routing`, "objects", a.id, key],
        value,
      })),
    ]),
  );
}

/** The stack file's text with `genesys-flows:substitutions.<key>` set for each of `values` (an adopted flow's org names); comments and order kept. */
export function recordSubstitutions(stackFileText: string, values: Readonly<Record<string, string>>): string {
  return recordStackValues(
    stackFileText,
    Object.entries(values).map(([key, value]) => ({ path: [`${CONFIG_NAMESPACE}:substitutions`, key], value })),
  );
}

/** Sets each value at its path under `config` (maps made where missing), in path order; comments and order kept. */
export function recordStackValues(
  stackFileText: string,
  values: ReadonlyArray<{ path: readonly string[]; value: unknown }>,
): string {
  const doc = YAML.parseDocument(stackFileText, { version: "1.2" });
  if (!YAML.isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  const sorted = [...values].sort((a, b) => cmp(a.path.join("\u0000"), b.path.join("\u0000")));
  for (const { path, value } of sorted) {
    const full = ["config", ...path];
    for (let i = 2; i < full.length; i++)
      if (!YAML.isMap(doc.getIn(full.slice(0, i)))) doc.setIn(full.slice(0, i), doc.createNode({}));
    doc.setIn(full, doc.createNode(value, { flow: Array.isArray(value) }));
  }
  return doc.toString();
}

/**
 * The callers' module calls named as the portfolio names the modules adopted with them: a call of
 * the org's published name (`dev-VerifyCaller`) becomes one of the module's name in its file
 * (`VerifyCaller`), which each stack publishes under its own namePrefix. `modules`: published name
 * (lower case) -> the module's name in its file. Changes `model` in place; the calls renamed.
 */
export function nameModuleCallsAsFiles(model: { nodes?: unknown }, modules: ReadonlyMap<string, string>): number {
  let renamed = 0;
  for (const node of Object.values((model.nodes ?? {}) as Record<string, { module?: unknown }>)) {
    const name = typeof node.module === "string" ? modules.get(node.module.toLowerCase()) : undefined;
    if (name !== undefined && name !== node.module) {
      node.module = name;
      renamed++;
    }
  }
  return renamed;
}
