// A Terraform estate as Terraform sees it from the directory it runs in (the root module): the
// root, and each module it calls with a local source (`./modules/flows`, `../shared`), followed
// recursively, each an instance with its address (`module.flows.`). Values are evaluated where
// the configuration decides them: a root variable (variables.ts), a module's input from the
// argument of its calling block (evaluated in the caller), a default, a local, a module's output,
// `path.module` (the module's directory relative to the root, as Terraform gives it), `path.root`
// and `path.cwd` (the root), string templates of those, with attribute and index access. Anything
// else (a data source, another resource's attribute, a function, a conditional) is a named gap
// with its kind, never a guess: the migration then takes the value the state holds. Pure: the
// directories' files come in through `readDir`.
import { posix } from "node:path";
import { emptyModule, readModule, type SourceFile, type TfModuleCall, type TfModuleConfig } from "./config";
import type { VariableValue } from "./variables";
import { cmp } from "../../archy/json";

export interface ModuleInstance {
  /** `module.flows.module.queues.` for a nested module, "" for the root. */
  prefix: string;
  config: TfModuleConfig;
  /** The block calling it (absent for the root). */
  call?: TfModuleCall;
  parent?: ModuleInstance;
  children: Map<string, ModuleInstance>;
  /** `count` or `for_each` on its call (or an ancestor's): its resources have instance keys. */
  repeated?: string;
}

export interface Estate {
  /** The root module's directory (where Terraform runs), relative to the repository, posix. */
  rootDir: string;
  root: ModuleInstance;
  /** Every instance, the root first, then by address. */
  instances: ModuleInstance[];
  variables: ReadonlyMap<string, VariableValue>;
  /** Module calls whose source is not a local path (registry, git, ...): not read. */
  remote: Array<{ address: string; source: string; at: string }>;
  problems: string[];
}

/** Why a value could not be evaluated: what it depends on. */
export type Gap = "unset" | "data" | "resource" | "expression";

export type Evaluated =
  | { ok: true; value: unknown; from: string[] }
  | { ok: false; why: string; gap: Gap; reference?: { address: string; attribute: string } };

const MAX_DEPTH = 16;

/** Whether a module source is a local path (Terraform's rule: it starts with ./ or ../). */
export function isLocalSource(source: string): boolean {
  return source.startsWith("./") || source.startsWith("../");
}

/** Reads the root and every local module it calls. `readDir` gives a directory's `.tf` files, undefined when it is not one. */
export async function readEstate(
  rootDir: string,
  readDir: (dir: string) => SourceFile[] | undefined,
  variables: ReadonlyMap<string, VariableValue>,
): Promise<Estate> {
  const problems: string[] = [];
  const remote: Estate["remote"] = [];
  const load = async (dir: string) => {
    const files = readDir(dir);
    if (files === undefined || files.length === 0) return undefined;
    const { module, problems: p } = await readModule(dir, files);
    problems.push(...p);
    return module;
  };
  const rootConfig = (await load(rootDir)) ?? emptyModule(rootDir, []);
  const root: ModuleInstance = { prefix: "", config: rootConfig, children: new Map() };
  const instances: ModuleInstance[] = [root];
  const follow = async (parent: ModuleInstance, depth: number): Promise<void> => {
    for (const call of parent.config.modules) {
      const address = `${parent.prefix}module.${call.name}`;
      if (!isLocalSource(call.source)) {
        remote.push({ address, source: call.source, at: `${call.file}:${call.line}` });
        continue;
      }
      const dir = posix.normalize(posix.join(parent.config.dir, call.source));
      if (dir === ".." || dir.startsWith("../")) {
        problems.push(
          `${call.file}:${call.line}: module "${call.name}" (source ${call.source}) is outside the repository: the migration reads only the repository's files`,
        );
        continue;
      }
      if (depth >= MAX_DEPTH) {
        problems.push(
          `${call.file}:${call.line}: module "${call.name}": modules nested more than ${MAX_DEPTH} deep (a module calling itself?)`,
        );
        continue;
      }
      const config = await load(dir);
      if (!config) {
        problems.push(
          `${call.file}:${call.line}: module "${call.name}" (source ${call.source}): ${dir} holds no .tf file`,
        );
        continue;
      }
      const repeated = ["count", "for_each"].find((k) => Object.hasOwn(call.body, k)) ?? parent.repeated;
      const child: ModuleInstance = {
        prefix: `${address}.`,
        config,
        call,
        parent,
        children: new Map(),
        ...(repeated !== undefined ? { repeated } : {}),
      };
      parent.children.set(call.name, child);
      instances.push(child);
      await follow(child, depth + 1);
    }
  };
  await follow(root, 0);
  instances.sort((a, b) => cmp(a.prefix, b.prefix));
  return { rootDir, root, instances, variables, remote, problems };
}

/** `path.module` of an instance: its directory relative to the root (`.` for the root), as Terraform gives it. */
export function pathModule(estate: Estate, inst: ModuleInstance): string {
  return posix.relative(estate.rootDir, inst.config.dir) || ".";
}

/** The expression inside `${...}` when the whole string is one, else undefined. */
function wholeExpression(s: string): string | undefined {
  const m = /^\$\{([^{}]*)\}$/.exec(s);
  return m ? m[1].trim() : undefined;
}

/** Evaluates a value of `inst`'s configuration where the configuration decides it (see the file's header). */
export function evaluate(
  estate: Estate,
  inst: ModuleInstance,
  value: unknown,
  seen: ReadonlySet<string> = new Set(),
): Evaluated {
  if (typeof value === "string") {
    if (value.includes("%{"))
      return { ok: false, gap: "expression", why: `a template directive (%{...}) in "${value}"` };
    const whole = wholeExpression(value);
    if (whole !== undefined) return expression(estate, inst, whole, seen);
    const from: string[] = [];
    let failed: Evaluated | undefined;
    const out = value.replace(/\$\{([^{}]*)\}/g, (_m, e: string) => {
      const r = expression(estate, inst, e.trim(), seen);
      if (!r.ok) {
        failed ??= r;
        return "";
      }
      if (typeof r.value !== "string" && typeof r.value !== "number" && typeof r.value !== "boolean") {
        failed ??= { ok: false, gap: "expression", why: `\${${e.trim()}} is not text` };
        return "";
      }
      from.push(...r.from);
      return String(r.value);
    });
    return failed ?? { ok: true, value: out, from };
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => evaluate(estate, inst, v, seen));
    const bad = items.find((i) => !i.ok);
    return (
      bad ?? {
        ok: true,
        value: items.map((i) => (i as { value: unknown }).value),
        from: items.flatMap((i) => (i.ok ? i.from : [])),
      }
    );
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    const from: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const r = evaluate(estate, inst, v, seen);
      if (!r.ok) return r;
      out[k] = r.value;
      from.push(...r.from);
    }
    return { ok: true, value: out, from };
  }
  return { ok: true, value, from: [] };
}

const NAME = "[A-Za-z_][A-Za-z0-9_-]*";
/** `.name`, `[0]` or `["key"]` after a reference. */
const ACCESS = new RegExp(`^(?:\\.(${NAME})|\\[(\\d+)\\]|\\["([^"\\\\]*)"\\])`);

/** The accessors of `rest` (`.a[0]["b"]`), or undefined when it holds anything else. */
function accessors(rest: string): Array<string | number> | undefined {
  const out: Array<string | number> = [];
  let s = rest;
  while (s !== "") {
    const m = ACCESS.exec(s);
    if (!m) return undefined;
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]));
    s = s.slice(m[0].length);
  }
  return out;
}

function access(value: unknown, keys: ReadonlyArray<string | number>, e: string, from: string[]): Evaluated {
  let v = value;
  for (const key of keys) {
    if (
      typeof key === "number"
        ? !Array.isArray(v) || key >= v.length
        : typeof v !== "object" || v === null || Array.isArray(v) || !Object.hasOwn(v, key)
    ) {
      return {
        ok: false,
        gap: "expression",
        why: `${e}: no ${typeof key === "number" ? `item ${key}` : `key "${key}"`}`,
      };
    }
    v = (v as Record<string | number, unknown>)[key];
  }
  return { ok: true, value: v, from };
}

const where = (inst: ModuleInstance) => (inst.prefix === "" ? "" : `${inst.prefix.slice(0, -1)} `);

function expression(estate: Estate, inst: ModuleInstance, e: string, seen: ReadonlySet<string>): Evaluated {
  const head = new RegExp(`^(${NAME})(?:\\.(${NAME}))?`).exec(e);
  const root = head?.[1];
  if (root === "path" && head?.[2] !== undefined && e === head[0]) {
    if (head[2] === "module") return { ok: true, value: pathModule(estate, inst), from: [] };
    if (head[2] === "root" || head[2] === "cwd") return { ok: true, value: ".", from: [] };
  }
  if (root === "var" && head?.[2] !== undefined) {
    const keys = accessors(e.slice(head[0].length));
    if (keys === undefined) return { ok: false, gap: "expression", why: `\${${e}} is not a plain reference` };
    const name = head[2];
    const key = `${inst.prefix}var.${name}`;
    if (seen.has(key)) return { ok: false, gap: "expression", why: `${where(inst)}var.${name} refers to itself` };
    const declared = inst.config.variables.get(name);
    if (!declared) return { ok: false, gap: "unset", why: `${where(inst)}variable "${name}" is not declared` };
    if (inst.call && inst.parent) {
      if (Object.hasOwn(inst.call.body, name)) {
        const r = evaluate(estate, inst.parent, inst.call.body[name], new Set([...seen, key]));
        if (!r.ok)
          return { ...r, why: `${inst.prefix}var.${name} (the call at ${inst.call.file}:${inst.call.line}): ${r.why}` };
        return access(r.value, keys, e, [
          `${inst.prefix}var.${name} from the call at ${inst.call.file}:${inst.call.line}`,
          ...r.from,
        ]);
      }
      if (declared.hasDefault)
        return access(declared.default, keys, e, [
          `${inst.prefix}var.${name} from the default in ${declared.file}:${declared.line}`,
        ]);
      return {
        ok: false,
        gap: "unset",
        why: `${inst.prefix}var.${name}: the call at ${inst.call.file}:${inst.call.line} does not set it and it has no default`,
      };
    }
    const v = estate.variables.get(name);
    if (!v)
      return {
        ok: false,
        gap: "unset",
        why: `var.${name} has no value: no default, no TF_VAR_${name}, no variable file or --var sets it`,
      };
    return access(v.value, keys, e, [`var.${name} from ${v.from}`]);
  }
  if (root === "local" && head?.[2] !== undefined) {
    const keys = accessors(e.slice(head[0].length));
    const name = head[2];
    const local = inst.config.locals.get(name);
    if (keys === undefined) return { ok: false, gap: "expression", why: `\${${e}} is not a plain reference` };
    if (!local) return { ok: false, gap: "unset", why: `${where(inst)}local "${name}" is not defined` };
    const key = `${inst.prefix}local.${name}`;
    if (seen.has(key)) return { ok: false, gap: "expression", why: `${where(inst)}local "${name}" refers to itself` };
    const r = evaluate(estate, inst, local.value, new Set([...seen, key]));
    if (!r.ok) return { ...r, why: `${where(inst)}local.${name}: ${r.why}` };
    return access(
      r.value,
      keys,
      e,
      r.from.length > 0 ? r.from : [`${where(inst)}local.${name} in ${local.file}:${local.line}`],
    );
  }
  if (root === "module" && head?.[2] !== undefined) {
    const child = inst.children.get(head[2]);
    const rest = e.slice(head[0].length);
    const out = new RegExp(`^\\.(${NAME})`).exec(rest);
    if (!child) return { ok: false, gap: "expression", why: `module.${head[2]} is not a module this migration reads` };
    if (!out) return { ok: false, gap: "expression", why: `\${${e}} is not a module output` };
    const keys = accessors(rest.slice(out[0].length));
    const output = child.config.outputs.get(out[1]);
    if (keys === undefined) return { ok: false, gap: "expression", why: `\${${e}} is not a plain reference` };
    if (!output) return { ok: false, gap: "unset", why: `${child.prefix.slice(0, -1)} has no output "${out[1]}"` };
    const key = `${child.prefix}output.${out[1]}`;
    if (seen.has(key)) return { ok: false, gap: "expression", why: `${key} refers to itself` };
    const r = evaluate(estate, child, output.value, new Set([...seen, key]));
    if (!r.ok) return { ...r, why: `${child.prefix}${out[1]} (output at ${output.file}:${output.line}): ${r.why}` };
    return access(r.value, keys, e, [`${child.prefix}${out[1]} (output at ${output.file}:${output.line})`, ...r.from]);
  }
  if (root === "data")
    return { ok: false, gap: "data", why: `read from a data source when Terraform runs (${inst.prefix}${e})` };
  const ref = new RegExp(`^([a-z][a-z0-9_]*)\\.(${NAME})\\.(${NAME})`).exec(e);
  if (ref && inst.config.resources.some((r) => r.type === ref[1] && r.name === ref[2])) {
    return {
      ok: false,
      gap: "resource",
      why: `computed from another resource (${inst.prefix}${ref[1]}.${ref[2]}.${ref[3]})`,
      reference: { address: `${inst.prefix}${ref[1]}.${ref[2]}`, attribute: ref[3] },
    };
  }
  return {
    ok: false,
    gap: "expression",
    why: `\${${e}} is an expression the migration does not evaluate (a function, a conditional, ...)`,
  };
}
