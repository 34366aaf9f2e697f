// The value of each root variable as Terraform gives it (its documented precedence, lowest first):
// the variable's default, `TF_VAR_<name>` environment variables, `terraform.tfvars`,
// `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical order, then each `-var-file` and
// `-var` in the order given. Each value keeps where it came from (file and line, the environment
// variable, the command line), for the report. As Terraform does: a value from the environment or
// `-var` is a string unless the variable's type is a collection or structure (then it is parsed as
// an HCL expression); a file that sets an undeclared variable is a warning (a note here), `-var`
// for one an error, an undeclared `TF_VAR_` ignored. Pure apart from the HCL parser.
import { parse } from "@cdktf/hcl2json";
import { hclMessage, lineOf, type SourceFile, type TfVariable } from "./config";
import { cmp } from "../../archy/json";
import { esc } from "./hclText";

/** One place a value can come from, in precedence order (a later one wins). */
export type VariableInput =
  /** `TF_VAR_<name>=<text>` in the environment. */
  | { kind: "env"; name: string; text: string }
  /** A variable file (`.tfvars` in HCL, or `.tfvars.json`); `why` says how it was chosen (auto-loaded, --var-file ...). */
  | { kind: "file"; file: SourceFile; why: string }
  /** `-var <name>=<text>` (`--var` here). */
  | { kind: "var"; name: string; text: string };

export interface VariableValue {
  value: unknown;
  /** Where it came from: `infra/envs/dev/terraform.tfvars:2`, `TF_VAR_greeting`, `the default in infra/variables.tf:7`, `--var greeting=...`. */
  from: string;
}

export interface ResolvedVariables {
  values: Map<string, VariableValue>;
  /** Every source read, in order, for the report. */
  sources: string[];
  notes: string[];
  problems: string[];
}

/** Whether Terraform parses a value from the environment or -var as HCL (a collection or structure type) rather than taking the string. */
export function parsesAsHcl(type: string | undefined): boolean {
  return type !== undefined && /^(list|set|map|object|tuple)\s*\(/.test(type);
}

/** The value of `text` given through the environment or -var for a variable of `type`. */
async function valueOf(
  text: string,
  type: string | undefined,
  where: string,
): Promise<{ value: unknown } | { problem: string }> {
  if (!parsesAsHcl(type)) return { value: text };
  try {
    const json = (await parse(where, `v = ${text}\n`)) as Record<string, unknown>;
    return { value: json.v };
  } catch (e) {
    return { problem: `${where}: not a value of type ${type} (${hclMessage(where, (e as Error).message)})` };
  }
}

/** The file's settings: its variables and values (HCL, or JSON for `.tfvars.json`), or its syntax error. */
async function fileValues(f: SourceFile): Promise<{ values: Record<string, unknown> } | { problem: string }> {
  if (f.file.endsWith(".json")) {
    try {
      const json = JSON.parse(f.text) as unknown;
      if (typeof json !== "object" || json === null || Array.isArray(json))
        return { problem: `${f.file}: expected a JSON object of variable values` };
      return { values: json as Record<string, unknown> };
    } catch (e) {
      return { problem: `${f.file}: not JSON (${(e as Error).message})` };
    }
  }
  try {
    return { values: (await parse(f.file, f.text)) as Record<string, unknown> };
  } catch (e) {
    return { problem: hclMessage(f.file, (e as Error).message) };
  }
}

/** The root module's variables with every input applied in order (see the file's header). */
export async function resolveVariables(
  declared: ReadonlyMap<string, TfVariable>,
  inputs: readonly VariableInput[],
): Promise<ResolvedVariables> {
  const out: ResolvedVariables = { values: new Map(), sources: [], notes: [], problems: [] };
  const files = [...new Set([...declared.values()].map((v) => v.file))].sort();
  if (files.length > 0) out.sources.push(`the defaults in ${files.join(", ")}`);
  for (const v of [...declared.values()].sort((a, b) => cmp(a.name, b.name))) {
    if (v.hasDefault) out.values.set(v.name, { value: v.default, from: `the default in ${v.file}:${v.line}` });
  }
  for (const input of inputs) {
    if (input.kind === "file") {
      out.sources.push(`${input.file.file} (${input.why})`);
      const read = await fileValues(input.file);
      if ("problem" in read) {
        out.problems.push(read.problem);
        continue;
      }
      for (const [name, value] of Object.entries(read.values)) {
        const line = lineOf(
          input.file.text,
          new RegExp(input.file.file.endsWith(".json") ? `"${esc(name)}"\\s*:` : `^\\s*${esc(name)}\\s*=`, "m"),
        );
        if (!declared.has(name)) {
          out.notes.push(
            `${input.file.file}:${line}: sets variable "${name}", which no variable block declares: Terraform warns and ignores it`,
          );
          continue;
        }
        out.values.set(name, { value, from: `${input.file.file}:${line}` });
      }
      continue;
    }
    const label = input.kind === "env" ? `TF_VAR_${input.name}` : `--var ${input.name}=...`;
    out.sources.push(input.kind === "env" ? `${label} (environment)` : `${label} (command line)`);
    const variable = declared.get(input.name);
    if (!variable) {
      if (input.kind === "var")
        out.problems.push(
          `--var ${input.name}=...: no variable block declares "${input.name}" (Terraform refuses it too)`,
        );
      continue;
    }
    const read = await valueOf(input.text, variable.type, label);
    if ("problem" in read) out.problems.push(read.problem);
    else out.values.set(input.name, { value: read.value, from: label });
  }
  return out;
}

/** The variable files Terraform loads by itself from a directory's file names, in its order: terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) lexically. */
export function autoLoadedFiles(names: readonly string[]): string[] {
  const auto = names.filter((n) => n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json")).sort();
  return [...["terraform.tfvars", "terraform.tfvars.json"].filter((n) => names.includes(n)), ...auto];
}

/** `TF_VAR_<name>` entries of an environment, by name (Terraform reads them before any file). */
export function environmentInputs(env: Readonly<Record<string, string | undefined>>): VariableInput[] {
  return Object.keys(env)
    .filter((k) => k.startsWith("TF_VAR_") && k.length > "TF_VAR_".length && env[k] !== undefined)
    .sort()
    .map((k) => ({ kind: "env" as const, name: k.slice("TF_VAR_".length), text: env[k]! }));
}
