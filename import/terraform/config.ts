// A Terraform (or OpenTofu) configuration as the migration reads it: the `.tf` files of one
// directory parsed by HashiCorp's own HCL parser (the `@cdktf/hcl2json` package, the Go parser
// compiled to WebAssembly: every syntax error comes back located `file:line,col`), its
// variables (defaults, then terraform.tfvars, *.auto.tfvars in name order, then <env>.tfvars, as
// `terraform apply -var-file=<env>.tfvars` takes them) and its literal locals. Expressions are
// evaluated only where they are literal: a variable, a local, `path.module`, a string template of
// those; anything else (a function, a conditional, another resource's attribute) is a named gap,
// never a guess. Pure apart from the parser (no file is read here).
import { parse } from "@cdktf/hcl2json";

export interface SourceFile {
  /** Relative to the configuration directory, posix. */
  file: string;
  text: string;
}

/** One `resource "<type>" "<name>"` block. */
export interface TfResource {
  type: string;
  name: string;
  /** `<type>.<name>`, as `terraform state rm` takes it. */
  address: string;
  file: string;
  line: number;
  body: Record<string, unknown>;
}

export interface TfConfig {
  resources: TfResource[];
  /** `module "<name>"` calls: their resources are another configuration's. */
  modules: Array<{ name: string; file: string; line: number; source: string }>;
  variables: Map<string, { value?: unknown; from: string }>;
  locals: Map<string, unknown>;
}

/** A value, or why it is not a literal (and, for another resource's attribute, which). */
export type Evaluated = { ok: true; value: unknown; from: string[] } | { ok: false; why: string; reference?: { address: string; attribute: string } };

/** `main.tf:3,5-6: Invalid expression; ...` -> `main.tf:3:5: Invalid expression; ...`, in the directory's words. */
function hclMessage(dir: string, raw: string): string {
  const inner = raw.replace(/^parse config: \[/, "").replace(/\]$/, "");
  return inner.replace(/^([^:\s]+):(\d+),(\d+)(?:-\d+(?:,\d+)?)?:\s*/, (_m, f: string, l: string, c: string) => `${dir}/${f}:${l}:${c}: `);
}

/** The file as JSON, or undefined with its syntax error in `problems`. */
async function parseOne(dir: string, f: SourceFile, problems: string[]): Promise<Record<string, unknown> | undefined> {
  try {
    return (await parse(f.file, f.text)) as Record<string, unknown>;
  } catch (e) {
    problems.push(hclMessage(dir, (e as Error).message));
    return undefined;
  }
}

/** The line of the first match of `pattern` in `text` (1-based), else 1. */
function lineOf(text: string, pattern: RegExp): number {
  const m = pattern.exec(text);
  return m ? text.slice(0, m.index).split("\n").length : 1;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The line of an attribute inside a resource block (the first after the block's line). */
export function attributeLine(files: readonly SourceFile[], r: TfResource, attribute: string): number {
  const text = files.find((f) => f.file === r.file)?.text ?? "";
  const lines = text.split("\n");
  for (let i = r.line; i < lines.length; i++) {
    if (new RegExp(`^\\s*${esc(attribute)}\\s*=`).test(lines[i])) return i + 1;
    if (/^resource\s/.test(lines[i])) break;
  }
  return r.line;
}

/**
 * Parses every `.tf` file and the variable files. `tfvars` come in precedence order (a later one
 * wins). Every file that does not parse is named; the first error of each.
 */
export async function readConfig(dir: string, files: readonly SourceFile[], tfvars: readonly SourceFile[]): Promise<{ config: TfConfig; problems: string[] }> {
  const problems: string[] = [];
  const config: TfConfig = { resources: [], modules: [], variables: new Map(), locals: new Map() };
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const json = await parseOne(dir, f, problems);
    if (!json) continue;
    for (const [type, byName] of Object.entries((json.resource ?? {}) as Record<string, Record<string, unknown[]>>)) {
      for (const [name, blocks] of Object.entries(byName)) {
        const line = lineOf(f.text, new RegExp(`resource\\s+"${esc(type)}"\\s+"${esc(name)}"`));
        config.resources.push({ type, name, address: `${type}.${name}`, file: f.file, line, body: (blocks[0] ?? {}) as Record<string, unknown> });
      }
    }
    for (const [name, blocks] of Object.entries((json.module ?? {}) as Record<string, unknown[]>)) {
      const body = (blocks[0] ?? {}) as Record<string, unknown>;
      config.modules.push({ name, file: f.file, line: lineOf(f.text, new RegExp(`module\\s+"${esc(name)}"`)), source: String(body.source ?? "?") });
    }
    for (const [name, blocks] of Object.entries((json.variable ?? {}) as Record<string, unknown[]>)) {
      const body = (blocks[0] ?? {}) as Record<string, unknown>;
      config.variables.set(name, Object.hasOwn(body, "default") ? { value: body.default, from: `the default in ${dir}/${f.file}` } : { from: `${dir}/${f.file} (no default)` });
    }
    for (const block of (json.locals ?? []) as Array<Record<string, unknown>>) for (const [k, v] of Object.entries(block)) config.locals.set(k, v);
  }
  for (const f of tfvars) {
    const json = await parseOne(dir, f, problems);
    if (!json) continue;
    for (const [k, v] of Object.entries(json)) {
      if (!config.variables.has(k)) problems.push(`${dir}/${f.file}:${lineOf(f.text, new RegExp(`^\\s*${esc(k)}\\s*=`, "m"))}: sets variable "${k}", which no variable block declares`);
      config.variables.set(k, { value: v, from: `${dir}/${f.file}` });
    }
  }
  config.resources.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return { config, problems };
}

/** The expression inside `${...}` when the whole string is one, else undefined. */
function wholeExpression(s: string): string | undefined {
  const m = /^\$\{([^{}]*)\}$/.exec(s);
  return m ? m[1].trim() : undefined;
}

/** Evaluates a value of the configuration where it is literal (see the file's header). */
export function evaluate(config: TfConfig, value: unknown, seen: ReadonlySet<string> = new Set()): Evaluated {
  if (typeof value === "string") {
    const whole = wholeExpression(value);
    if (whole !== undefined) return expression(config, whole, seen);
    const from: string[] = [];
    let failed: Evaluated | undefined;
    const out = value.replace(/\$\{([^{}]*)\}/g, (_m, e: string) => {
      const r = expression(config, e.trim(), seen);
      if (!r.ok) {
        failed ??= r;
        return "";
      }
      if (typeof r.value !== "string" && typeof r.value !== "number" && typeof r.value !== "boolean") {
        failed ??= { ok: false, why: `\${${e.trim()}} is not text` };
        return "";
      }
      from.push(...r.from);
      return String(r.value);
    });
    return failed ?? { ok: true, value: out, from };
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => evaluate(config, v, seen));
    const bad = items.find((i) => !i.ok);
    return bad ?? { ok: true, value: items.map((i) => (i as { value: unknown }).value), from: items.flatMap((i) => (i.ok ? i.from : [])) };
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    const from: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const r = evaluate(config, v, seen);
      if (!r.ok) return r;
      out[k] = r.value;
      from.push(...r.from);
    }
    return { ok: true, value: out, from };
  }
  return { ok: true, value, from: [] };
}

function expression(config: TfConfig, e: string, seen: ReadonlySet<string>): Evaluated {
  if (/^path\.(module|root|cwd)$/.test(e)) return { ok: true, value: ".", from: [] };
  const v = /^var\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*)*)$/.exec(e);
  if (v) {
    const variable = config.variables.get(v[1]);
    if (!variable) return { ok: false, why: `variable "${v[1]}" is not declared` };
    if (!Object.hasOwn(variable, "value")) return { ok: false, why: `variable "${v[1]}" has no default and no tfvars file of this environment sets it` };
    return path(variable.value, v[2], e, [`var.${v[1]} from ${variable.from}`]);
  }
  const l = /^local\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*)*)$/.exec(e);
  if (l) {
    if (!config.locals.has(l[1])) return { ok: false, why: `local "${l[1]}" is not defined` };
    if (seen.has(l[1])) return { ok: false, why: `local "${l[1]}" refers to itself` };
    const r = evaluate(config, config.locals.get(l[1]), new Set([...seen, l[1]]));
    if (!r.ok) return { ok: false, why: `local.${l[1]}: ${r.why}`, ...(r.reference ? { reference: r.reference } : {}) };
    return path(r.value, l[2], e, r.from);
  }
  const ref = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(e);
  if (ref && ref[1] !== "data" && config.resources.some((r) => r.type === ref[1] && r.name === ref[2])) {
    return { ok: false, why: `computed from another resource (${e})`, reference: { address: `${ref[1]}.${ref[2]}`, attribute: ref[3] } };
  }
  if (e.startsWith("data.")) return { ok: false, why: `read from a data source (${e}) when Terraform runs` };
  return { ok: false, why: `\${${e}} is not a literal, a variable or a local` };
}

function path(value: unknown, rest: string, e: string, from: string[]): Evaluated {
  let v = value;
  for (const key of rest.split(".").filter((k) => k !== "")) {
    if (typeof v !== "object" || v === null || !Object.hasOwn(v, key)) return { ok: false, why: `${e}: no key "${key}"` };
    v = (v as Record<string, unknown>)[key];
  }
  return { ok: true, value: v, from };
}
