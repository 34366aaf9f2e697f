// One Terraform (or OpenTofu) module as the migration reads it: the `.tf` files of one directory
// parsed by HashiCorp's own HCL parser (the `@cdktf/hcl2json` package, the Go parser compiled to
// WebAssembly: every syntax error comes back located `file:line,col`), as blocks: resources, data
// sources, module calls, variables, locals and outputs, each with its file and line. What the
// values mean (variables, module inputs, paths) is estate.ts's; which value a root variable takes
// is variables.ts's. Override files (`override.tf`, `*_override.tf`) are merged into the blocks
// they override as Terraform merges them
// (https://developer.hashicorp.com/terraform/language/files/override): after every other file, in
// lexicographical order; an argument replaces the argument of that name, a nested block every
// block of its type, `lifecycle` argument by argument, `locals` value by value; a block with
// nothing to override, or `depends_on` in a resource or output override, is an error as in
// Terraform (hashicorp/terraform internal/configs/module.go, mergeFile: "Missing base ... to
// override"). `.tf.json` files are not read (nor their override files). Pure apart from the parser
// (no file is read here).
import { parse } from "@cdktf/hcl2json";
import { cmp } from "../../archy/json";
import { esc } from "./hclText";

export interface SourceFile {
  /** Relative to the repository, posix (`infra/modules/flows/main.tf`). */
  file: string;
  text: string;
}

/** Where a block or an attribute is: `infra/main.tf:12`. */
export interface Located {
  file: string;
  line: number;
}

/** One `resource` or `data` block. */
export interface TfBlock extends Located {
  mode: "managed" | "data";
  type: string;
  name: string;
  /** The address inside its module: `type.name`, or `data.type.name`. */
  local: string;
  body: Record<string, unknown>;
  /** Where override files override it (the hand-over deletes those blocks with it). */
  overrides?: Located[];
}

/** One `module "<name>" { source = ... }` call. */
export interface TfModuleCall extends Located {
  name: string;
  source: string;
  /** The call's arguments (its module's inputs and meta-arguments), as the parser gives them. */
  body: Record<string, unknown>;
}

export interface TfVariable extends Located {
  name: string;
  /** The type constraint as written (`string`, `list(string)`), when there is one. */
  type?: string;
  hasDefault: boolean;
  default?: unknown;
}

export interface TfNamedValue extends Located {
  value: unknown;
}

/** A module's configuration: one directory's `.tf` files. */
export interface TfModuleConfig {
  /** Its directory, relative to the repository, posix. */
  dir: string;
  files: readonly SourceFile[];
  resources: TfBlock[];
  data: TfBlock[];
  modules: TfModuleCall[];
  variables: Map<string, TfVariable>;
  locals: Map<string, TfNamedValue>;
  outputs: Map<string, TfNamedValue>;
}

/** `main.tf:3,5-6: Invalid expression; ...` -> `infra/main.tf:3:5: Invalid expression; ...`. */
export function hclMessage(file: string, raw: string): string {
  const inner = raw.replace(/^parse config: \[/, "").replace(/\]$/, "");
  return inner.replace(
    /^([^:\s]+):(\d+),(\d+)(?:-\d+(?:,\d+)?)?:\s*/,
    (_m, _f: string, l: string, c: string) => `${file}:${l}:${c}: `,
  );
}

/** The file as JSON, or undefined with its syntax error in `problems`. */
export async function parseHcl(f: SourceFile, problems: string[]): Promise<Record<string, unknown> | undefined> {
  try {
    return (await parse(f.file, f.text)) as Record<string, unknown>;
  } catch (e) {
    problems.push(hclMessage(f.file, (e as Error).message));
    return undefined;
  }
}

/** The line of the first match of `pattern` in `text` (1-based), else 1. */
export function lineOf(text: string, pattern: RegExp): number {
  const m = pattern.exec(text);
  return m ? text.slice(0, m.index).split("\n").length : 1;
}

/** The line of a block `<keyword> "<label>"...` in its file. */
function blockLine(text: string, keyword: string, labels: readonly string[]): number {
  return lineOf(
    text,
    new RegExp(`^[ \\t]*${esc(keyword)}${labels.map((l) => `\\s+(?:"${esc(l)}"|${esc(l)})`).join("")}\\s*\\{`, "m"),
  );
}

/** Each `resource` and `data` block of a parsed file: its mode and keyword, type, name, bodies and line. */
function* resourceBlocks(json: Record<string, unknown>, f: SourceFile) {
  for (const [mode, key] of [
    ["managed", "resource"],
    ["data", "data"],
  ] as const)
    for (const [type, named] of Object.entries((json[key] ?? {}) as Record<string, Record<string, unknown[]>>))
      for (const [name, blocks] of Object.entries(named))
        yield { mode, key, type, name, blocks, line: blockLine(f.text, key, [type, name]) };
}

/** The line of an attribute inside a block (the first after the block's line, before the next top-level block). */
export function attributeLine(files: readonly SourceFile[], at: Located, attribute: string): number {
  const lines = (files.find((f) => f.file === at.file)?.text ?? "").split("\n");
  for (let i = at.line; i < lines.length; i++) {
    if (new RegExp(`^\\s*${esc(attribute)}\\s*=`).test(lines[i])) return i + 1;
    if (/^(resource|data|module|output|locals|variable)\s/.test(lines[i])) break;
  }
  return at.line;
}

/** `${list(string)}` -> `list(string)`. */
function typeText(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  const m = /^\$\{(.*)\}$/s.exec(v);
  return m ? m[1].trim() : v;
}

/** Whether Terraform reads the file as an override file (`override.tf`, `<name>_override.tf`). */
export function isOverrideFile(file: string): boolean {
  const name = file.slice(file.lastIndexOf("/") + 1);
  return name === "override.tf" || name.endsWith("_override.tf");
}

/** A module with no blocks (a directory with no `.tf` file, before its files are read). */
export function emptyModule(dir: string, files: readonly SourceFile[]): TfModuleConfig {
  return {
    dir,
    files,
    resources: [],
    data: [],
    modules: [],
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
  };
}

/** Parses a module directory's `.tf` files, override files merged last; every file that does not parse is named (its first error). */
export async function readModule(
  dir: string,
  files: readonly SourceFile[],
): Promise<{ module: TfModuleConfig; problems: string[] }> {
  const problems: string[] = [];
  const module = emptyModule(dir, files);
  const sorted = [...files].sort((a, b) => cmp(a.file, b.file));
  for (const f of sorted.filter((x) => !isOverrideFile(x.file))) {
    const json = await parseHcl(f, problems);
    if (!json) continue;
    for (const { mode, type, name, blocks, line } of resourceBlocks(json, f))
      (mode === "managed" ? module.resources : module.data).push({
        mode,
        type,
        name,
        local: mode === "managed" ? `${type}.${name}` : `data.${type}.${name}`,
        file: f.file,
        line,
        body: (blocks[0] ?? {}) as Record<string, unknown>,
      });
    for (const [name, blocks] of Object.entries((json.module ?? {}) as Record<string, unknown[]>)) {
      const { source, ...body } = (blocks[0] ?? {}) as Record<string, unknown>;
      module.modules.push({
        name,
        source: typeof source === "string" ? source : "?",
        body,
        file: f.file,
        line: blockLine(f.text, "module", [name]),
      });
    }
    for (const [name, blocks] of Object.entries((json.variable ?? {}) as Record<string, unknown[]>)) {
      const body = (blocks[0] ?? {}) as Record<string, unknown>;
      const type = typeText(body.type);
      module.variables.set(name, {
        name,
        file: f.file,
        line: blockLine(f.text, "variable", [name]),
        hasDefault: Object.hasOwn(body, "default"),
        ...(Object.hasOwn(body, "default") ? { default: body.default } : {}),
        ...(type !== undefined ? { type } : {}),
      });
    }
    for (const block of (json.locals ?? []) as Array<Record<string, unknown>>) {
      for (const [k, v] of Object.entries(block))
        module.locals.set(k, { value: v, file: f.file, line: lineOf(f.text, new RegExp(`^\\s*${esc(k)}\\s*=`, "m")) });
    }
    for (const [name, blocks] of Object.entries((json.output ?? {}) as Record<string, unknown[]>)) {
      module.outputs.set(name, {
        value: ((blocks[0] ?? {}) as Record<string, unknown>).value,
        file: f.file,
        line: blockLine(f.text, "output", [name]),
      });
    }
  }
  for (const f of sorted.filter((x) => isOverrideFile(x.file))) {
    const json = await parseHcl(f, problems);
    if (json) mergeOverride(module, f, json, problems);
  }
  const byLocal = (a: TfBlock, b: TfBlock) => cmp(a.local, b.local);
  module.resources.sort(byLocal);
  module.data.sort(byLocal);
  module.modules.sort((a, b) => cmp(a.name, b.name));
  return { module, problems };
}

/** An override block's body merged into the original's: arguments and nested block types replace, `lifecycle` merges argument by argument. */
function mergedBody(original: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out = { ...original, ...override };
  const life = (b: Record<string, unknown>) =>
    Array.isArray(b.lifecycle) ? ((b.lifecycle[0] ?? {}) as Record<string, unknown>) : undefined;
  if (life(original) !== undefined && life(override) !== undefined)
    out.lifecycle = [{ ...life(original), ...life(override) }];
  return out;
}

/** Merges one override file into the module (see the file's header). */
function mergeOverride(module: TfModuleConfig, f: SourceFile, json: Record<string, unknown>, problems: string[]): void {
  // Said in the file's order, whatever order the parser gives the blocks in.
  const found: Array<{ line: number; text: string }> = [];
  const say = (line: number, text: string) => found.push({ line, text: `${f.file}:${line}: ${text}` });
  const missing = (what: string, line: number) =>
    say(
      line,
      `${what} overrides nothing: Terraform refuses an override block with no block of the same type and labels in the module's other files; add the block there or remove the override`,
    );
  const dependsOn = (what: string, line: number) =>
    say(line, `${what}: depends_on may not be used in an override block (Terraform refuses it)`);
  for (const { mode, key, type, name, blocks, line } of resourceBlocks(json, f)) {
    const list = mode === "managed" ? module.resources : module.data;
    const original = list.find((b) => b.type === type && b.name === name);
    if (original === undefined) {
      missing(`${key} "${type}" "${name}"`, line);
      continue;
    }
    for (const body of blocks as Array<Record<string, unknown>>) {
      if (mode === "managed" && Object.hasOwn(body, "depends_on")) dependsOn(`${key} "${type}" "${name}"`, line);
      original.body = mergedBody(original.body, body);
    }
    original.overrides = [...(original.overrides ?? []), { file: f.file, line }];
  }
  for (const [name, blocks] of Object.entries((json.module ?? {}) as Record<string, unknown[]>)) {
    const line = blockLine(f.text, "module", [name]);
    const original = module.modules.find((m) => m.name === name);
    if (original === undefined) {
      missing(`module "${name}"`, line);
      continue;
    }
    for (const { source, ...body } of blocks as Array<Record<string, unknown>>) {
      if (typeof source === "string") original.source = source;
      original.body = mergedBody(original.body, body);
    }
  }
  for (const [name, blocks] of Object.entries((json.variable ?? {}) as Record<string, unknown[]>)) {
    const line = blockLine(f.text, "variable", [name]);
    const original = module.variables.get(name);
    if (original === undefined) {
      missing(`variable "${name}"`, line);
      continue;
    }
    for (const body of blocks as Array<Record<string, unknown>>) {
      const type = typeText(body.type);
      if (type !== undefined) original.type = type;
      // The default's origin is the override's line from now on (a value's origin names where it is written).
      if (Object.hasOwn(body, "default"))
        Object.assign(original, { hasDefault: true, default: body.default, file: f.file, line });
    }
  }
  for (const block of (json.locals ?? []) as Array<Record<string, unknown>>) {
    for (const [k, v] of Object.entries(block)) {
      const line = lineOf(f.text, new RegExp(`^\\s*${esc(k)}\\s*=`, "m"));
      if (!module.locals.has(k)) missing(`local value "${k}"`, line);
      else module.locals.set(k, { value: v, file: f.file, line });
    }
  }
  for (const [name, blocks] of Object.entries((json.output ?? {}) as Record<string, unknown[]>)) {
    const line = blockLine(f.text, "output", [name]);
    const original = module.outputs.get(name);
    if (original === undefined) {
      missing(`output "${name}"`, line);
      continue;
    }
    for (const body of blocks as Array<Record<string, unknown>>) {
      if (Object.hasOwn(body, "depends_on")) dependsOn(`output "${name}"`, line);
      if (Object.hasOwn(body, "value")) module.outputs.set(name, { value: body.value, file: f.file, line });
    }
  }
  problems.push(...found.sort((a, b) => a.line - b.line).map((x) => x.text));
}
