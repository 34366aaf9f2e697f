// Where imported flows go and whether they may: one flow file per imported flow under the output
// folder, named from the flow's name. Nothing is written when anything is wrong: a file that
// exists (unless forced), two imports for one file, a name another flow of the portfolio has
// (compared as Genesys does, case-insensitively; published names with a stack), or an imported
// flow that fails to load, fails the core checks in the portfolio it joins or does not compile
// (planner/pipeline.ts, as a deploy runs it). What the Archy catalogue does not know (rule
// archy-unknown) writes the files and is listed as warnings, as lint lists it: never silent.
// Pure: existence and the portfolio's files are handed in.
import { formatFinding, UNKNOWN_RULE, type CheckFlow } from "../checks";
import { archyFinding } from "../checks/locate";
import { formatIssue, type FlowIssue } from "../model/errors";
import { checkUniqueNames } from "../checks/names";
import { flowIdOf, publishedNameOf } from "../planner/names";
import { runPipeline, type FlowSource } from "../planner/pipeline";
import { sum, type ImportReport, type ImportResult } from "./archyToModel";
import { modelYaml } from "./modelYaml";
import { applySubstitutions, findPlaceholders, stringsWithPaths } from "../model/placeholders";
import { typedPlaceholders } from "../archy/placeholder";

export interface ImportedFlow {
  /** Where it came from (an Archy file, an org flow): messages and the file's header. */
  source: string;
  result: ImportResult;
  /** The org flow this file adopts (its Genesys id), when imported from an org. */
  flowId?: string;
  /** Its published name, kept as it is (the stack's `flows.<id>.name`): the stack's namePrefix does not start it. */
  keptName?: string;
}

export interface PlanInput {
  imported: readonly ImportedFlow[];
  /** The portfolio's flow files as they are. */
  existing: readonly FlowSource[];
  /** Output folder relative to the project root, posix (`flows/imported`). */
  outDir: string;
  force: boolean;
  /** Whether a file exists (relative to the project root). */
  exists: (file: string) => boolean;
  /** With a stack, names are compared as published (its prefix + the name). */
  namePrefix?: string;
  /** Published names the stack keeps as they are (no prefix), by flow id: its `flows.<id>.name`. */
  keptNames?: Readonly<Record<string, string>>;
  /** What a refusal to overwrite a file suggests besides --force (default: another --out folder). */
  overwriteHint?: string;
}

/** A file the import writes: the imported flow's source, adopted id and kept name, and what the file is. */
export interface PlannedFile extends Pick<ImportedFlow, "source" | "flowId" | "keptName"> {
  /** Relative to the project root, posix. */
  file: string;
  /** The flow id when the file is under flows/. */
  id?: string;
  text: string;
  report: ImportReport;
  overwrites: boolean;
}

/** `Sales & Support (EU)` -> `sales-support-eu`. */
export function fileSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/\{\{([^}]*)\}\}/g, "$1")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return slug || "flow";
}

/** `../../schema/flow.schema.json` from a file's folder. */
function schemaPathFrom(file: string): string {
  const depth = file.split("/").length - 1;
  return `${"../".repeat(depth)}schema/flow.schema.json`;
}

export function summaryLine(report: ImportReport): string {
  const typed = sum(report.typed);
  const raw = sum(report.raw);
  const total = typed + raw;
  const share = total === 0 ? 100 : Math.round((typed * 100) / total);
  return `${typed} of ${total} actions are typed nodes (${share}%), ${raw} stay raw Archy; ${sum(report.structural)} moves between tasks and loops are transitions.`;
}

const TYPED = "a whole number, a number, or true or false";

/** An export as read, with the placeholders no value is given for (init --import: the stack files keep them). */
export interface ReadExport {
  source: string;
  result: ImportResult;
  wanted: string[];
}

/**
 * What the import can take, and what it cannot with what to give: exports sharing a templated name
 * (one template, several instances: one flow file, one published name) until each instance is
 * named, and exports using a placeholder no value is given for.
 */
export function takeable(
  read: readonly ReadExport[],
  values: Readonly<Record<string, string>>,
): { imported: ImportedFlow[]; notTaken: string[] } {
  const byName = new Map<string, ReadExport[]>();
  for (const f of read) {
    const name = applySubstitutions(String(f.result.model.name), values).toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), f]);
  }
  const imported: ImportedFlow[] = [];
  const notTaken: string[] = [];
  const braced = (keys: string[]) => keys.map((k) => `{{${k}}}`).join(", ");
  for (const group of byName.values()) {
    const name = String(group[0]!.result.model.name);
    const key = findPlaceholders(name)[0];
    if (group.length > 1 && key !== undefined) {
      const each = group.map((f) => `--set ${f.source}:${key}=<its name>`).join(" ");
      notTaken.push(
        `${group.map((f) => f.source).join(", ")}: share the templated name "${name}" ` +
          `(one template, several instances): name each instance (${each}), ` +
          `or import them one at a time (genesys-flows import <export> --set ${key}=<its name>)`,
      );
      continue;
    }
    for (const { source, result, wanted } of group) {
      if (wanted.length === 0) {
        imported.push({ source, result });
        continue;
      }
      const typed = new Set(stringsWithPaths(result.model).flatMap(([, t]) => typedPlaceholders(t).map((p) => p.key)));
      const code = wanted.filter((k) => typed.has(k));
      const stand = code.length === 1 ? "stands" : "stand";
      const inCode = code.length === 0 ? "" : `; ${braced(code)} ${stand} in an expression's code: ${TYPED}`;
      const sets = wanted.map((k) => `--set ${k}=<value>`).join(" ");
      const has = wanted.length === 1 ? "has" : "have";
      notTaken.push(`${source}: ${braced(wanted)} ${has} no value: ${sets} (the stack files keep it${inCode})`);
    }
  }
  return { imported, notTaken };
}

export interface ImportPlan {
  files: PlannedFile[];
  /** What stops the import: nothing is written. */
  problems: string[];
  /** Names the Archy catalogue lacks (rule archy-unknown), one line per name and file: the files are written. */
  warnings: string[];
}

export function planImport(input: PlanInput): ImportPlan {
  const problems: string[] = [];
  const files: PlannedFile[] = [];
  const byFile = new Map<string, ImportedFlow>();
  for (const flow of input.imported) {
    const name = String(flow.result.model.name);
    const file = `${input.outDir.replace(/\/+$/, "")}/${fileSlug(name)}.yaml`;
    const other = byFile.get(file);
    if (other) {
      problems.push(
        `${file}: both ${other.source} and ${flow.source} would be imported into this file (flows "${String(other.result.model.name)}" and "${name}"); import them one at a time with different --out folders, or rename one`,
      );
      continue;
    }
    byFile.set(file, flow);
    const overwrites = input.exists(file);
    if (overwrites && !input.force) {
      problems.push(
        `${file}: exists; the import of ${flow.source} would overwrite it; pass --force to overwrite it${input.overwriteHint ?? ", or choose another --out folder"}`,
      );
    }
    const id = flowIdOf(file);
    const header = { schemaPath: schemaPathFrom(file), source: flow.source, lines: [summaryLine(flow.result.report)] };
    files.push({
      file,
      ...(id !== undefined ? { id } : {}),
      text: modelYaml(flow.result.model, header),
      source: flow.source,
      report: flow.result.report,
      overwrites,
      ...(flow.flowId !== undefined ? { flowId: flow.flowId } : {}),
      ...(flow.keptName !== undefined ? { keptName: flow.keptName } : {}),
    });
  }

  // The portfolio once the files are written, through the pipeline every entry point runs: names
  // unique, and the imported flows load, pass the core checks and compile.
  const replaced = new Set(files.map((f) => f.file));
  const ours = new Set(files.map((f) => f.file));
  const sourceOf = new Map(files.map((f) => [f.file, f.source]));
  // An org's flow has no file of the user's to point into: its lines are not told.
  const lineIn = new Map(
    files.map((f) => [f.file, f.flowId === undefined ? byFile.get(f.file)?.result.sourceLine : undefined]),
  );
  const result = runPipeline({
    sources: [
      ...input.existing.filter((s) => !replaced.has(s.file)),
      ...files.map((f) => ({ id: f.id ?? f.file, file: f.file, text: f.text })),
    ],
    checks: { include: (r) => (r.core && r.id !== "unique-names") || r.id === UNKNOWN_RULE },
  });
  // A broken file of the portfolio is lint's business, not the import's.
  // Worded by the project's formatters, the file named with where it was imported from.
  // The export's line, where the finding's node or field tells it: the file itself is not written.
  const imported = <T extends FlowIssue>(i: T): T => {
    const line = i.line === undefined ? lineIn.get(i.file)?.({ node: i.node, field: i.field }) : undefined;
    return { ...i, file: `${i.file} (imported from ${sourceOf.get(i.file)}${line !== undefined ? `:${line}` : ""})` };
  };
  for (const i of result.loadIssues) if (ours.has(i.file)) problems.push(formatIssue(imported(i)));
  const keptNames = new Map(files.flatMap((f) => (f.keptName !== undefined ? [[f.file, f.keptName] as const] : [])));
  const portfolio: CheckFlow[] = result.flows.map((f) => ({
    file: f.file,
    id: f.id,
    model: f.model,
    displayName:
      keptNames.get(f.file) ?? input.keptNames?.[f.id] ?? publishedNameOf(input.namePrefix ?? "", f.model.name),
  }));
  for (const finding of checkUniqueNames(portfolio, input.namePrefix !== undefined)) {
    if (!ours.has(finding.file) && !files.some((f) => finding.message.includes(f.file))) continue;
    const from = sourceOf.has(finding.file) ? ` (imported from ${sourceOf.get(finding.file)})` : "";
    problems.push(`${finding.file}${from}: ${finding.message}; rename the flow in Genesys or in one of the files`);
  }
  const warnings: string[] = [];
  for (const finding of result.findings.filter((f) => ours.has(f.file) && f.ruleId !== UNKNOWN_RULE))
    problems.push(formatFinding(imported(finding)));
  for (const finding of result.findings.filter((f) => ours.has(f.file) && f.ruleId === UNKNOWN_RULE))
    warnings.push(formatFinding(imported(finding)));
  for (const i of result.compileIssues) if (ours.has(i.file)) problems.push(formatIssue(imported(i)));
  // The export itself, by the Archy validator (the check lint, the pack and the emulator run on
  // Archy): what is certainly invalid there and the flow model does not show (an element the
  // import could not read) stops the import too. Only for a file nothing above refused, so one
  // fault is not told twice.
  const refused = new Set(
    [...result.loadIssues, ...result.findings.filter((f) => f.ruleId !== UNKNOWN_RULE), ...result.compileIssues].map(
      (i) => i.file,
    ),
  );
  for (const f of files) {
    if (refused.has(f.file)) continue;
    const flow = byFile.get(f.file);
    for (const e of flow?.result.exportErrors ?? []) {
      const line = f.flowId === undefined && e.line !== undefined ? `:${e.line}` : "";
      const finding = archyFinding(e, "archy-actions", (ruleId, message) => ({
        ruleId,
        file: `${f.file} (imported from ${f.source}${line})`,
        flow: String(flow?.result.model.name),
        field: e.path,
        message,
      }));
      if (finding) problems.push(formatFinding(finding));
    }
  }
  return { files, problems: [...new Set(problems)], warnings };
}
