// check-exports: will every flow of a folder of Archy exports come in? For each export (a team's
// own, from Archy or Architect, or files written for the Genesys provider) it runs the import into
// the flow model, lint, the compile back to Archy, and publishes both the export and the compiled
// flow to throwaway emulators on 127.0.0.1, in default and in strict mode, then stops them. Every
// problem is located in the export (report.ts). The export files are read here, and the emulators
// run here; the steps themselves are pure (steps.ts).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import type { OrgFileInput } from "../project/orgFile";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../emulator/server";
import { OrgApi } from "../org/client";
import { publishArchy } from "../org/publishJob";
import { readYaml } from "../model/yamlReader";
import type { Doc } from "./actionKinds";
import { assumedOrg } from "./assumedOrg";
import { fillExportPlaceholders } from "./placeholders";
import { passed, reportOf, type ExportResult, type ExportsReport, type Publishes, type Step } from "./report";
import {
  compiledLineIn,
  compileStep,
  importedSource,
  importStep,
  lintStep,
  SKIPPED,
  publishStep,
  type CompiledBack,
} from "./steps";
import { cmp, isMap } from "../archy/json";

export interface CheckExportsOptions {
  /** Folders (read recursively) and files of Archy exports. */
  inputs: readonly string[];
  /** Where relative inputs are read from, and what the report's file names are relative to. */
  cwd: string;
  /** The org file strict mode checks references against (project/orgFile.ts); default: the objects the exports name. */
  orgFile?: string;
  /** `{{key}}` -> value; other placeholders are filled with their key. */
  values?: Readonly<Record<string, string>>;
}

/** An input that is neither a file nor a folder of exports. */
export class ExportInputError extends Error {}

const EXPORT_FILE = /\.ya?ml$/i;

/** The export files of the inputs: files as given, folders' .yaml/.yml files at any depth, each once, in order. */
export function exportFiles(inputs: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => cmp(a.name, b.name))) {
      const abs = join(dir, e.name);
      if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") walk(abs);
      else if (e.isFile() && EXPORT_FILE.test(e.name)) out.push(abs);
    }
  };
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new ExportInputError(`${input}: no such file or folder`);
    }
    const before = out.length;
    if (isDir) walk(abs);
    else out.push(abs);
    if (isDir && out.length === before) throw new ExportInputError(`${input}: no .yaml or .yml file in this folder`);
  }
  return [...new Set(out)];
}

interface Prepared {
  result: Omit<ExportResult, "ok" | "publishExport" | "publishCompiled">;
  exportText: string;
  doc?: Doc;
  compiled?: CompiledBack;
  sourceLine?: Parameters<typeof compiledLineIn>[1];
}

function prepare(abs: string, cwd: string, values: Readonly<Record<string, string>>): Prepared {
  const rel = relative(cwd, abs);
  const file = (rel.startsWith("..") ? abs : rel).split(sep).join("/");
  const exportText = fillExportPlaceholders(readFileSync(abs, "utf8"), basename(abs), values);
  const read = readYaml(exportText, { exactIntegers: false });
  const doc = read.ok && isMap(read.value) ? (read.value as Doc) : undefined;
  const flowType = doc ? (Object.keys(doc)[0] ?? "") : "";
  const body = doc && flowType ? doc[flowType] : undefined;
  const name = body && typeof body === "object" && typeof body.name === "string" ? body.name : "";
  const imported = importStep(file, exportText);
  const base = { file, flowType, name, import: imported.step };
  if (!imported.result || !doc)
    return { result: { ...base, lint: SKIPPED, compile: SKIPPED }, exportText, ...(doc ? { doc } : {}) };
  const source = importedSource(imported.result, file);
  const lint = lintStep(file, source, imported.result.sourceLine);
  const compiled = compileStep(file, source, exportText, doc);
  return {
    result: { ...base, lint, compile: compiled.step },
    exportText,
    doc,
    ...(compiled.compiled ? { compiled: compiled.compiled } : {}),
    ...(imported.result.sourceLine ? { sourceLine: imported.result.sourceLine } : {}),
  };
}

/** Modules first, then bots (callers need both published), then the rest; in the inputs' order within each. */
function publishOrder(prepared: readonly Prepared[]): Prepared[] {
  const rank = (p: Prepared): number =>
    p.result.flowType === "commonModule"
      ? 0
      : p.result.flowType === "botFlow" || p.result.flowType === "digitalBot"
        ? 1
        : 2;
  return prepared
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

async function withEmulators<T>(
  options: EmulatorOptions[],
  run: (emulators: RunningEmulator[]) => Promise<T>,
): Promise<T> {
  const emulators: RunningEmulator[] = [];
  try {
    for (const o of options) emulators.push(await startEmulator({ ...o, port: 0 }));
    return await run(emulators);
  } finally {
    await Promise.all(emulators.map((e) => e.stop()));
  }
}

/** Runs every step over the exports of `options.inputs`; throws ExportInputError for an input that is not there. */
export async function checkExports(options: CheckExportsOptions): Promise<ExportsReport> {
  const values = options.values ?? {};
  const prepared = exportFiles(options.inputs, options.cwd).map((abs) => prepare(abs, options.cwd, values));
  const strictOrg: { orgFile: string } | { org: OrgFileInput } =
    options.orgFile !== undefined
      ? { orgFile: resolve(options.cwd, options.orgFile) }
      : { org: assumedOrg(prepared.flatMap((p) => (p.doc ? [p.doc] : []))) };
  const publishes = new Map<Prepared, { publishExport: Publishes; publishCompiled: Publishes }>();
  // Four orgs: the exports and the compiled flows each in default and in strict mode.
  // Default mode is told of the org only when given one: the objects it lacks are then warnings.
  const defaultOrg = options.orgFile !== undefined ? strictOrg : {};
  await withEmulators(
    [defaultOrg, { strict: true, ...strictOrg }, defaultOrg, { strict: true, ...strictOrg }],
    async ([exportDefault, exportStrict, compiledDefault, compiledStrict]) => {
      const publish = async (
        emu: RunningEmulator,
        file: string,
        text: string,
        lineIn?: (path: string | undefined) => number | undefined,
      ): Promise<Step> =>
        publishStep(file, await publishArchy(new OrgApi(emu.url, emu.accessToken), text, file, { pollMs: 5 }), lineIn);
      for (const p of publishOrder(prepared)) {
        const { file } = p.result;
        const publishExport = {
          default: await publish(exportDefault, file, p.exportText),
          strict: await publish(exportStrict, file, p.exportText),
        };
        const lineIn = p.compiled ? compiledLineIn(p.compiled, p.sourceLine) : undefined;
        const publishCompiled =
          p.compiled && lineIn
            ? {
                default: await publish(compiledDefault, file, p.compiled.text, lineIn),
                strict: await publish(compiledStrict, file, p.compiled.text, lineIn),
              }
            : { default: SKIPPED, strict: SKIPPED };
        publishes.set(p, { publishExport, publishCompiled });
      }
    },
  );
  const files = prepared.map((p): ExportResult => {
    const r = { ...p.result, ...publishes.get(p)! };
    return { ...r, ok: passed(r) };
  });
  return reportOf(
    files,
    options.orgFile !== undefined ? `the org file ${options.orgFile}` : "the objects the exports name (no --org given)",
  );
}
