// Reads what the engine registered: the components' facts (their registered outputs), the flows'
// update triggers, and the stack's name. Reading goes through Pulumi's unknown-checking proxy: a
// value not known yet (preview) comes back as { unknown: path }.
import {
  carriesFacts,
  decodeRegisteredFacts,
  GENESYS_FLOW_TYPE,
  registeredModelJson,
  type FlowFacts,
  type RegisteredFlowFacts,
} from "../model/facts";
import { flowFile } from "../model/schema";
import type { CheckInput, StackFacts } from "../checks";
import type { FlowModel } from "../model/schema";
import { cmp } from "../archy/json";

/** The parts of Pulumi's PolicyResource the pack reads (tests build exactly this). */
export interface StackResource {
  type: string;
  // The engine hands resource properties over as untyped JSON.
  props: Record<string, unknown>;
  urn: string;
  name: string;
  parent?: { urn: string };
  dependencies?: Array<{ urn: string }>;
}

export interface Unknown {
  unknown: string;
}
export type Observed<T> = T | undefined | Unknown;

export function isUnknown(v: unknown): v is Unknown {
  return (
    typeof v === "object" && v !== null && typeof (v as Unknown).unknown === "string" && Object.keys(v).length === 1
  );
}

/** Reads a nested property, mapping a value Pulumi cannot know yet to `{ unknown: path }`. */
export function read(obj: unknown, path: string[]): Observed<unknown> {
  let cur: unknown = obj;
  try {
    for (const key of path) {
      if (cur === null || typeof cur !== "object") return undefined;
      cur = (cur as Record<string, unknown>)[key];
    }
    return toPlain(cur);
  } catch (e) {
    if (isUnknownValueError(e)) return { unknown: path.join(".") };
    throw e;
  }
}

/** Pulumi's UnknownValueError (internal to @pulumi/policy, so recognised by shape). */
function isUnknownValueError(e: unknown): boolean {
  return e instanceof Error && "unknownTypeSentinel" in e && Array.isArray((e as { props?: unknown }).props);
}

/** A plain copy (reads every property once, through any proxy). */
function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = toPlain((value as Record<string, unknown>)[key]);
  return out;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` -> stack. */
export function stackOfUrn(urn: string): string | undefined {
  const m = /^urn:pulumi:([^:]+)::/.exec(urn);
  return m ? m[1] : undefined;
}

export interface ComponentFacts {
  urn: string;
  facts: FlowFacts;
}

export interface ReadPortfolio {
  stack?: string;
  components: ComponentFacts[];
  /** Components whose facts cannot be read (unknown or malformed), with why. */
  problems: Array<{ urn: string; problem: string }>;
}

/**
 * What readComponents reads of `resources`, as a list compared element by element: the first URN,
 * and each facts carrier's type, URN and registered facts (one JSON text, model/facts.ts). Equal
 * texts are the same facts, so one analysis's policies share one read whether @pulumi/policy hands
 * each of them its own deserialization or, with policies/deserializeOnce.ts, the same one (then
 * the texts are one string each, compared by reference). A text is compared, never decoded: the
 * decode is what the read does once. Facts that are not a text (unknown, or built by hand as an
 * object) are a new value on each read: nothing is reused then.
 */
function readSource(resources: readonly StackResource[]): unknown[] {
  const parts: unknown[] = [resources[0]?.urn];
  for (const r of resources) if (carriesFacts(r.type)) parts.push(r.type, r.urn, registeredText(r));
  return parts;
}

function registeredText(r: StackResource): unknown {
  try {
    return read(r.props, ["facts"]);
  } catch {
    return {}; // never equal: readComponentsOnce reads it again and says why it cannot
  }
}

/**
 * The last portfolio read, with what it was read from. Every stack policy of the pack (one per
 * rule) is handed the same resources; the first one reads the components through the proxy, the
 * others get that read (its components are then shared: frozen, so no policy changes another's).
 */
let lastRead: { source: unknown[]; read: ReadPortfolio } | undefined;

const sameSource = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Every component's facts, with the stack's name. */
export function readComponents(resources: readonly StackResource[]): ReadPortfolio {
  const source = readSource(resources);
  if (lastRead !== undefined && sameSource(lastRead.source, source)) return lastRead.read;
  const read = deepFreeze(readComponentsOnce(resources));
  lastRead = { source, read };
  return read;
}

function readComponentsOnce(resources: readonly StackResource[]): ReadPortfolio {
  const components: ComponentFacts[] = [];
  const problems: Array<{ urn: string; problem: string }> = [];
  let stack: string | undefined;
  for (const r of resources) {
    stack ??= stackOfUrn(r.urn);
    if (!carriesFacts(r.type)) continue;
    let registered: unknown;
    try {
      registered = read(r.props, ["facts"]);
    } catch (e) {
      problems.push({ urn: r.urn, problem: `its facts cannot be read (${(e as Error).message})` });
      continue;
    }
    if (isUnknown(registered)) {
      problems.push({ urn: r.urn, problem: "its facts are not known yet" });
      continue;
    }
    // One JSON text as the components register them (model/facts.ts encodeRegisteredFacts); an
    // object from a stack deployed before that, or built by hand.
    const decoded = decodeRegisteredFacts(registered);
    if (!("facts" in decoded)) {
      problems.push({ urn: r.urn, problem: decoded.problem });
      continue;
    }
    const facts = decoded.facts;
    // Registered facts carry the model gzipped (modelGzip, model/facts.ts); a stack deployed before
    // that holds it as JSON text (modelJson); facts built by hand may carry it as an object (model).
    const {
      modelGzip,
      modelJson,
      model: given,
      ...f
    } = facts as Partial<RegisteredFlowFacts> & { modelJson?: unknown; model?: unknown };
    const field = typeof modelGzip === "string" ? "modelGzip" : typeof modelJson === "string" ? "modelJson" : "model";
    const model =
      typeof modelGzip === "string"
        ? decodeModel(modelGzip, true)
        : typeof modelJson === "string"
          ? decodeModel(modelJson, false)
          : given;
    // The model is the planner's, defaults applied; a substituted value that makes it invalid is
    // the placeholders rule's finding, so only a model that is not a flow at all is refused here.
    if (!isFlowModelShaped(model)) {
      problems.push({
        urn: r.urn,
        problem:
          field === "modelGzip" ? "facts.modelGzip is not a gzipped flow model" : `facts.${field} is not a flow model`,
      });
      continue;
    }
    components.push({ urn: r.urn, facts: { ...(f as Omit<FlowFacts, "model">), model } });
  }
  components.sort((a, b) => cmp(a.facts.file, b.facts.file));
  return { ...(stack !== undefined ? { stack } : {}), components, problems };
}

/**
 * Decoded models by their registered text. Every stack policy of the pack (one per rule) reads every
 * component again, so a component's model is decoded once per process, not once per rule. The
 * models are frozen: the checks share them and must not change them. Bounded, so a long-lived
 * process (the tests) does not keep every model it ever saw.
 */
const decodedModels = new Map<string, unknown>();
const MAX_DECODED_MODELS = 5000;

/** Forgets every read and decoded model: the benchmark starts each repetition as a fresh pack process would. */
export function forgetReads(): void {
  decodedModels.clear();
  lastRead = undefined;
}

/** A registered model (its gzip in base64, or its JSON text) -> the model, or undefined. */
function decodeModel(text: string, gzipped: boolean): unknown {
  const key = (gzipped ? "z:" : "j:") + text;
  if (decodedModels.has(key)) return decodedModels.get(key);
  const json = gzipped ? registeredModelJson(text) : text;
  let model: unknown;
  try {
    model = json === undefined ? undefined : deepFreeze(JSON.parse(json));
  } catch {
    model = undefined;
  }
  if (decodedModels.size >= MAX_DECODED_MODELS) decodedModels.clear();
  decodedModels.set(key, model);
  return model;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const modelShapeKinds = new Map<string, boolean>();

/** An object with a known flow kind and a nodes object: what the checks can read. */
function isFlowModelShaped(model: unknown): model is FlowModel {
  if (model === null || typeof model !== "object") return false;
  const { kind, nodes } = model as { kind?: unknown; nodes?: unknown };
  if (typeof kind !== "string" || nodes === null || typeof nodes !== "object") return false;
  let known = modelShapeKinds.get(kind);
  if (known === undefined) {
    known = flowFile.safeParse({ kind, name: "x", start: "x", nodes: {} }).success;
    if (modelShapeKinds.size < 64) modelShapeKinds.set(kind, known);
  }
  return known;
}

/** The check input the components' facts describe: the same input lint and the planner build. */
export function checkInputOf(components: readonly ComponentFacts[]): CheckInput {
  const first = components[0]?.facts;
  const stack: StackFacts | undefined = first
    ? {
        stack: first.stack,
        environment: first.environment,
        namePrefix: first.namePrefix,
        forceUnlock: first.forceUnlock,
        ...(first.skipOrgReferenceCheck !== undefined ? { skipOrgReferenceCheck: first.skipOrgReferenceCheck } : {}),
      }
    : undefined;
  return {
    flows: components.map(({ facts }) => ({
      file: facts.file,
      id: facts.id,
      model: facts.model,
      displayName: facts.publishedName,
      ...(facts.nameKept === true ? { nameKept: true } : {}),
    })),
    ...(stack ? { stack } : {}),
  };
}

/** The genesyscloud Flow children of a component, with their update triggers. */
export function flowChildren(
  resources: readonly StackResource[],
  parentUrn: string,
): Array<{ urn: string; updateTriggerHash: Observed<unknown> }> {
  return resources
    .filter((c) => c.type === GENESYS_FLOW_TYPE && c.parent?.urn === parentUrn)
    .map((c) => ({ urn: c.urn, updateTriggerHash: read(c.props, ["updateTriggerHash"]) }))
    .sort((a, b) => cmp(a.urn, b.urn));
}
