// The template a team's repository starts from (`genesys-flows init`, templates/portfolio/ in the
// tool's folder): the reference portfolio (flows, routing, scenarios, stack files, policy config,
// the emulator's org file) and the files only a team's repository has (package.json depending on
// this version, index.ts, the pack's entry, test/, README.md). This repository deploys the same
// portfolio at its root: its flows/, routing/, objects/, scenarios/, Pulumi.<stack>.yaml, policies/config
// and orgs/ are links into the template (one source).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { toolRoot } from "./root";

export const TEMPLATE_DIR = "templates/portfolio";

/** The folders whose files are the reference portfolio's examples (init --empty leaves them out). */
export const EXAMPLE_FOLDERS = ["flows/", "routing/", "objects/", "scenarios/"] as const;

/**
 * The starting portfolio `init` writes by default: one common module, one flow calling it, the
 * queues it names, its scenarios (the rest with --reference).
 */
export const STARTER_FILES: readonly string[] = [
  ...["flows/digital/web-chat.yaml", "flows/modules/lookup-customer.yaml", "scenarios/digital/web-chat/tier.yaml"],
  ...["objects/queues/priority.yaml", "objects/queues/sales.yaml"],
];

/** Files npm would not ship under their own name (npm pack drops a .gitignore): the template's name -> the repository's. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: ".gitignore" };

/** What the template's placeholders become. */
export interface TemplateValues {
  project: string;
  version: string;
}

/**
 * The tool's version (its package.json). A pre-release (a tree between releases, `0.2.1-dev`) packed
 * names the commit its dist/ was built from as build metadata: `0.2.1-dev+<commit>` (project/jsbuild.js).
 */
export function toolVersion(root: string = toolRoot()): string {
  // Without dist/ (not packed: this repository, a copy of it), the package.json's version as it is.
  const marker = path.join(root, "dist", ".complete");
  const packed = existsSync(marker) ? readFileSync(marker, "utf8") : undefined;
  return versionOf(readFileSync(path.join(root, "package.json"), "utf8"), packed);
}

/** The version a package's package.json and its dist/.complete (project/jsbuild.js) make (pure). */
export function versionOf(packageJson: string, distMarker: string | undefined): string {
  const { version } = JSON.parse(packageJson) as { version: string };
  const { commit } = distMarker !== undefined ? (JSON.parse(distMarker) as { commit?: string }) : {};
  return version.includes("-") && commit !== undefined ? `${version}+${commit}` : version;
}

function walk(base: string, rel = ""): string[] {
  return readdirSync(path.join(base, rel))
    .sort()
    .flatMap((name) => {
      const child = rel === "" ? name : `${rel}/${name}`;
      return statSync(path.join(base, child)).isDirectory() ? walk(base, child) : [child];
    });
}

/** The template's files as a team's repository names them (path -> content), sorted by path, placeholders left in. */
export function templateFiles(root: string = toolRoot()): Map<string, string> {
  const base = path.join(root, TEMPLATE_DIR);
  return new Map(walk(base).map((rel) => [RENAMED[rel] ?? rel, readFileSync(path.join(base, rel), "utf8")]));
}

/** The template's files with the placeholders filled (pure). */
export function fillTemplate(files: ReadonlyMap<string, string>, values: TemplateValues): Map<string, string> {
  const fill = (text: string) =>
    text.replaceAll("__PROJECT__", values.project).replaceAll("__VERSION__", values.version);
  return new Map([...files].map(([file, text]) => [file, fill(text)]));
}

/** The reference portfolio's example files still in the repository at `root` (by path), sorted. */
export function templateExamplesIn(root: string, tool: string = toolRoot()): string[] {
  return [...templateFiles(tool).keys()]
    .filter((f) => EXAMPLE_FOLDERS.some((d) => f.startsWith(d)) && isFile(path.join(root, f)))
    .sort();
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}
