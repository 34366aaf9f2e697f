// The Terraform side of a migration (issue 62 item 1): the edits a team reviews in the same pull
// request, as one patch (unified diff, paths relative to the repository: `git apply` at its root).
// In each module directory holding migrated resources: their blocks deleted, and a file
// `genesys-flows-removed.tf` with a `removed { from = <address> lifecycle { destroy = false } }`
// block each (Terraform 1.7+, OpenTofu 1.7+: the next apply forgets them without destroying
// them), so Terraform can neither destroy nor re-create what the stack now manages. What stays in
// Terraform and refers to a migrated resource (a resource, an output feeding another module, a
// local, a `depends_on`) is pointed at a data source that finds it by name (in the same file;
// the name the stack publishes it under), and listed with the alternative (the id as a literal).
// A block an override file overrides is deleted there too. Every edited file is parsed again: it
// must parse, keep every other block and refer to no migrated resource. Pure.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { parse } from "@cdktf/hcl2json";
import type { SourceFile } from "./config";
import { hclMessage } from "./config";
import { blockLines, codeMask, lineAt, referencesTo } from "./hclText";
import { FLOW_TYPE, ROUTING_TYPES, type MigratedFlow, type MigratedRouting } from "./migrate";
import type { ModuleInstance } from "./estate";
import { cmp } from "../../archy/json";

/** The file the hand-over adds to each module directory holding migrated resources. */
export const REMOVED_FILE = "genesys-flows-removed.tf";

/** A place that stays in Terraform and refers to a migrated resource, and what to put there. */
export interface StayingReference {
  /** `infra/modules/flows/outputs.tf:3`. */
  at: string;
  /** The block it is in: `module.flows.output.main_line_id`, `terraform_data.audit`, `locals`. */
  in: string;
  /** As written: `genesyscloud_flow.main_line.id`. */
  reference: string;
  /** What the patch puts there: the data source that finds the object by name. */
  dataSource: string;
  /** Or the id as a literal (this environment's only). */
  literal: string;
}

export interface Handover {
  /** The patch; empty when nothing is migrated. */
  patch: string;
  /** The files it changes or adds, relative to the repository. */
  files: string[];
  /** The addresses it forgets with `removed` blocks. */
  removed: string[];
  references: StayingReference[];
  problems: string[];
}

type Migrated = (MigratedFlow | MigratedRouting) & { id: string; dataType: string; typeArgument?: string };

const HEADER = (
  stack: string,
) => `# Managed by genesys-flows since the migration into stack "${stack}" (docs/migrate-from-cx-as-code.md).
# Terraform 1.7+ and OpenTofu 1.7+ forget these resources on the next apply without destroying
# them; the data sources find, by name, what the configuration still refers to.
`;

/** The block a line is in: its address inside the module (`output.x`, `module.y`, `locals`, `type.name`). */
function enclosingBlock(lines: readonly string[], line: number): string {
  for (let i = line - 1; i >= 0; i--) {
    const m =
      /^(resource|data|output|module|locals|variable)\b\s*(?:"([^"]+)"|([A-Za-z0-9_-]+))?\s*(?:"([^"]+)"|([A-Za-z0-9_-]+))?/.exec(
        lines[i],
      );
    if (!m) continue;
    const labels = [m[2] ?? m[3], m[4] ?? m[5]].filter((l): l is string => l !== undefined && l !== "{");
    if (m[1] === "resource") return labels.join(".");
    if (m[1] === "locals") return "locals";
    return [m[1], ...labels].join(".");
  }
  return "?";
}

/** The text without the lines `first`..`last` (1-based), the comment lines right above them, and a blank line after them when one stays before. */
function deleteLines(text: string, first: number, last: number): string {
  const lines = text.split("\n");
  while (first > 1 && /^\s*(#|\/\/)/.test(lines[first - 2])) first--;
  let end = last;
  if ((first === 1 || lines[first - 2]?.trim() === "") && lines[end]?.trim() === "" && end < lines.length - 1) end++;
  lines.splice(first - 1, end - first + 1);
  return lines.join("\n");
}

/** The HCL of the data source that finds a migrated object by name. */
function dataBlock(m: Migrated, name: string): string {
  const literal = m.nameExpression === undefined;
  const nameText = m.nameExpression ?? JSON.stringify("publishedName" in m ? m.publishedName : m.object.name);
  const note =
    ("nameNote" in m ? m.nameNote : undefined) ??
    "this environment's name: the configuration does not write it as a template";
  const lines = [`data "${m.dataType}" "${name}" {`, `  name = ${nameText}${literal ? ` # ${note}` : ""}`];
  if (m.typeArgument !== undefined) lines.push(`  type = ${JSON.stringify(m.typeArgument)}`);
  lines.push("}");
  return lines.join("\n");
}

/** Whether `file` holds the migrated resource's block or an override of it. */
function inFile(m: Migrated, file: string): boolean {
  return m.block.file === file || (m.block.overrides ?? []).some((o) => o.file === file);
}

function removedBlock(address: string): string {
  return `removed {\n  from = ${address}\n  lifecycle {\n    destroy = false\n  }\n}`;
}

/** Writes the hand-over for the migrated flows and routing objects (see the file's header). */
export async function planHandover(
  flows: readonly MigratedFlow[],
  routing: readonly MigratedRouting[],
  stack: string,
  instances: readonly ModuleInstance[],
): Promise<Handover> {
  const out: Handover = { patch: "", files: [], removed: [], references: [], problems: [] };
  const migrated: Migrated[] = [
    ...flows.map((f) => ({
      ...f,
      id: f.flowId ?? "",
      dataType: FLOW_TYPE,
      ...(f.flowType !== "" ? { typeArgument: f.flowType } : {}),
    })),
    ...routing.flatMap((r) => {
      const dataType = ROUTING_TYPES.get(r.block.type)?.adopt?.terraform?.dataSource;
      return dataType === undefined ? [] : [{ ...r, id: r.object.id, dataType }];
    }),
  ];
  // By module directory: a directory two module calls share is edited once, for both.
  const byDir = new Map<string, { files: readonly SourceFile[]; items: Migrated[] }>();
  for (const m of migrated) {
    const entry = byDir.get(m.instance.config.dir) ?? { files: m.instance.config.files, items: [] };
    entry.items.push(m);
    byDir.set(m.instance.config.dir, entry);
  }
  const patches: Array<{ file: string; old?: string; text: string }> = [];
  for (const [dir, { files, items: all }] of [...byDir].sort(([a], [b]) => cmp(a, b))) {
    // The blocks of the directory, once each (two calls of one module share them).
    const items = all.filter((m, i) => all.findIndex((x) => x.block.local === m.block.local) === i);
    const taken = new Set(
      files.flatMap((f) => [...f.text.matchAll(/^\s*data\s+"([^"]+)"\s+"([^"]+)"/gm)].map((m) => `${m[1]}.${m[2]}`)),
    );
    const dataName = new Map(
      items.map((m) => [
        m.block.local,
        taken.has(`${m.dataType}.${m.block.name}`) ? `${m.block.name}_migrated` : m.block.name,
      ]),
    );
    const referenced = new Set<string>();
    for (const f of files) {
      // Ranges to delete and references to re-point, all found in the file as it is.
      const ranges: Array<{ first: number; last: number }> = [];
      // The block, and the blocks override files hold for it (Terraform refuses an override of a block that is gone).
      for (const m of items.filter((x) => inFile(x, f.file))) {
        const range = blockLines(f.text, "resource", [m.block.type, m.block.name]);
        if (range) ranges.push(range);
        else
          out.problems.push(
            `${f.file}:${m.block.file === f.file ? m.block.line : m.block.overrides!.find((o) => o.file === f.file)!.line}: the block of ${m.address} could not be found to delete it; delete it by hand`,
          );
      }
      const mask = codeMask(f.text);
      const lines = f.text.split("\n");
      const edits: Array<{ at: number; length: number; text: string }> = [];
      for (const m of items) {
        const replacement = `data.${m.dataType}.${dataName.get(m.block.local)}`;
        for (const at of referencesTo(f.text, m.block.local, mask)) {
          const line = lineAt(f.text, at);
          if (ranges.some((r) => line >= r.first && line <= r.last)) continue;
          referenced.add(m.block.local);
          const attribute = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(f.text.slice(at + m.block.local.length))?.[1];
          const dot = attribute !== undefined ? `.${attribute}` : "";
          const name = "publishedName" in m ? m.publishedName : m.object.name;
          out.references.push({
            at: `${f.file}:${line}`,
            in: `${m.instance.prefix}${enclosingBlock(lines, line)}`,
            reference: `${m.block.local}${dot}`,
            dataSource: `${replacement}${dot}`,
            literal:
              attribute === "id" || attribute === undefined
                ? JSON.stringify(m.id)
                : attribute === "name"
                  ? JSON.stringify(name)
                  : "(the value the state holds)",
          });
          edits.push({ at, length: m.block.local.length, text: replacement });
        }
      }
      let text = f.text;
      for (const e of edits.sort((a, b) => b.at - a.at))
        text = `${text.slice(0, e.at)}${e.text}${text.slice(e.at + e.length)}`;
      for (const r of ranges.sort((a, b) => b.first - a.first)) text = deleteLines(text, r.first, r.last);
      if (text !== f.text) patches.push({ file: f.file, old: f.text, text });
    }
    const removed = items.map((m) => m.block.local).sort();
    const data = items.filter((m) => referenced.has(m.block.local)).sort((a, b) => cmp(a.block.local, b.block.local));
    const existing = files.find((f) => f.file === `${dir}/${REMOVED_FILE}`);
    const added = `${HEADER(stack)}\n${[...removed.map(removedBlock), ...data.map((m) => dataBlock(m, dataName.get(m.block.local)!))].join("\n\n")}\n`;
    patches.push({ file: `${dir}/${REMOVED_FILE}`, ...(existing ? { old: existing.text } : {}), text: added });
    out.removed.push(...all.map((m) => m.address));
  }
  out.problems.push(...sharedDirectoryProblems(byDir, instances, migrated), ...(await checkEdits(patches, migrated)));
  patches.sort((a, b) => cmp(a.file, b.file));
  out.files = patches.map((p) => p.file);
  out.removed.sort();
  out.patch = patches
    .map((p) =>
      createTwoFilesPatch(
        p.old !== undefined ? `a/${p.file}` : "/dev/null",
        `b/${p.file}`,
        p.old ?? "",
        p.text,
        "",
        "",
        { headerOptions: FILE_HEADERS_ONLY },
      ),
    )
    .join("");
  out.references.sort((a, b) => cmp(a.at, b.at));
  return out;
}

/** A directory several module calls share: deleting a block deletes it for every call, so every call's resource must be migrated. */
function sharedDirectoryProblems(
  byDir: ReadonlyMap<string, { items: Migrated[] }>,
  instances: readonly ModuleInstance[],
  migrated: readonly Migrated[],
): string[] {
  const problems: string[] = [];
  for (const [dir, { items }] of byDir) {
    const sharing = instances.filter((i) => i.config.dir === dir).map((i) => i.prefix);
    if (sharing.length < 2) continue;
    for (const m of items.filter((x, i) => items.findIndex((y) => y.block.local === x.block.local) === i)) {
      const missing = sharing.filter(
        (p) => !migrated.some((x) => x.instance.prefix === p && x.block.local === m.block.local),
      );
      if (missing.length > 0)
        problems.push(
          `${m.block.file}:${m.block.line}: ${dir} is called by ${sharing.map((p) => p.slice(0, -1) || "the root").join(" and ")}, but ${m.block.local} is migrated for ${sharing
            .filter((p) => !missing.includes(p))
            .map((p) => p.slice(0, -1))
            .join(
              " and ",
            )} only: deleting its block would take it from ${missing.map((p) => p.slice(0, -1) || "the root").join(" and ")} too; migrate them together`,
        );
    }
  }
  return problems;
}

/** Each edited file parses, keeps its other blocks, and refers to no migrated resource any more. */
async function checkEdits(
  patches: ReadonlyArray<{ file: string; old?: string; text: string }>,
  migrated: readonly Migrated[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const p of patches) {
    let json: Record<string, unknown>;
    try {
      json = (await parse(p.file, p.text)) as Record<string, unknown>;
    } catch (e) {
      problems.push(`the hand-over's edit of ${hclMessage(p.file, (e as Error).message)}: edit the file by hand`);
      continue;
    }
    if (p.file.endsWith(`/${REMOVED_FILE}`)) continue;
    const resources = (json.resource ?? {}) as Record<string, Record<string, unknown>>;
    const text = JSON.stringify(json);
    for (const m of migrated.filter((x) => inFile(x, p.file))) {
      if (resources[m.block.type]?.[m.block.name] !== undefined)
        problems.push(`${p.file}: the hand-over did not delete the block of ${m.address}; delete it by hand`);
    }
    for (const m of migrated.filter((x) => x.instance.config.files.some((f) => f.file === p.file))) {
      // In an expression (the parser keeps expressions as ${...}), not in a string's literal text.
      if (
        new RegExp(`\\$\\{[^}]*(?<![A-Za-z0-9_.-])${m.block.local.replace(/\./g, "\\.")}(?![A-Za-z0-9_-])`).test(text)
      )
        problems.push(
          `${p.file}: still refers to ${m.block.local} after the hand-over's edit; point it at data.${m.dataType}.${m.block.name} by hand`,
        );
    }
  }
  return problems;
}
