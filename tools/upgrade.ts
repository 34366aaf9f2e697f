// genesys-flows upgrade: after a team bumps genesys-flows in package.json, what changed that concerns
// its repository (the changelog's entries since the version genesys-flows.json records, the
// migrations of its files' format, the mandatory rules its files now break) and the review of the
// first up after it (what would publish, against each stack's state). --write applies the
// migrations (shown as a diff first) and records the new version. Nothing is ever published.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { createTwoFilesPatch } from "diff";
import { formatFinding } from "../checks/finding";
import { applyMigrations, CURRENT_FORMAT, migrationsSince } from "../planner/migrations";
import { CONFIG_NAMESPACE } from "../planner/stackSettings";
import { FLOW_AND_PACK_RULES } from "../policies/packRules";
import { lintProject } from "../policies/lint/project";
import type { LintFinding } from "../policies/lint/engine";
import type { ReviewState } from "../diff/portfolioDiff";
import { commandArgs } from "../project/cliArgs";
import { projectDir, toolRoot } from "../project/root";
import { readTeamRecord, TEAM_RECORD, teamRecordText, type TeamRecord } from "../project/teamRepository";
import { toolVersion } from "../project/template";
import type { Io } from "../import/archyFiles";

export const HELP = `Usage: genesys-flows upgrade [--write] [--root <dir>]

Run it after bumping genesys-flows in package.json (npm install genesys-flows@<version> --save-exact).
Reads your repository against the installed version and says what concerns it:
  1. what changed since the version ${TEAM_RECORD} records (the entries of genesys-flows' CHANGELOG.md);
  2. the migrations of your files' format since the format it records (renamed or removed stack
     settings, what to do by hand), as a diff of the files they rewrite;
  3. lint with the installed version, every stack: the mandatory findings, the rules new since your
     last upgrade apart, each with its fix;
  4. the review of the first up: per stack, what it would publish measured against the stack's state
     (ideally nothing), and why.
Nothing is published and, without --write, nothing is written.

Options:
  --write        apply the migrations and record the installed version and format in ${TEAM_RECORD}
  --root <dir>   the repository (default: the Pulumi project the current folder is in)
  -h, --help     show this help

Exit codes: 0 nothing left to do, 1 migrations not yet written or mandatory findings, 2 usage errors.
`;

/** What genesys-flows.json records, or format 1 of an unknown version when the repository has none (made before init). */
const readRecord = (root: string): TeamRecord & { missing?: true } =>
  readTeamRecord(root) ?? { version: "0.0.0", format: 1, missing: true };

/** "1.2.3" -> [1, 2, 3, 1], a pre-release "1.2.3-dev" -> [1, 2, 3, 0] (before 1.2.3), build metadata ignored. */
function versionKey(v: string): number[] {
  const [release, pre] = v.split("+")[0]!.split(/-(.*)/);
  return [...release!.split(".").map((n) => Number(n) || 0), pre === undefined ? 1 : 0];
}
const isPreRelease = (v: string): boolean => v.split("+")[0]!.includes("-");
function newer(a: string, b: string): boolean {
  const x = versionKey(a);
  const y = versionKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}

/**
 * The CHANGELOG.md sections (Keep a Changelog: `## [x.y.z] - date`) of the versions after `from` up
 * to `to`; when `to` is a pre-release (a build between releases) other than `from`, the Unreleased
 * section too: what it ships beyond the last release.
 */
export function changelogSince(text: string, from: string, to: string): string[] {
  const sections = text.split(/^(?=## \[)/m).filter((s) => s.startsWith("## ["));
  return sections
    .filter((s) => {
      const v = /^## \[([^\]]+)\]/.exec(s)![1]!;
      if (v === "Unreleased") return isPreRelease(to) && to !== from && /^\s*- /m.test(s);
      return newer(v, from) && !newer(v, to);
    })
    .map((s) => s.trimEnd());
}

const UPGRADE_OPTIONS = {
  write: { type: "boolean" },
  root: { type: "string" },
} as const;

export async function main(argv: string[], io: Io): Promise<number> {
  const parsed = commandArgs(argv, UPGRADE_OPTIONS, { command: "upgrade", help: HELP, io });
  if (typeof parsed === "number") return parsed;
  const args = parsed.values;
  const root = args.root !== undefined ? path.resolve(args.root) : projectDir();
  let record: ReturnType<typeof readRecord>;
  try {
    record = readRecord(root);
  } catch (e) {
    io.err.write(`upgrade: ${(e as Error).message}\n`);
    return 2;
  }
  const installed = toolVersion();
  const say = (s = "") => io.out.write(`${s}\n`);
  say(
    `genesys-flows upgrade in ${root}: ${record.missing ? `no ${TEAM_RECORD} (taken as format 1)` : record.version} -> ${installed} (file format ${record.format} -> ${CURRENT_FORMAT})`,
  );

  say("\n1. What changed (CHANGELOG.md):");
  const changelog = path.join(toolRoot(), "CHANGELOG.md");
  const entries = existsSync(changelog)
    ? changelogSince(readFileSync(changelog, "utf8"), record.version, installed)
    : [];
  say(entries.length === 0 ? "  nothing since your version." : entries.map((e) => e.replace(/^/gm, "  ")).join("\n\n"));

  say(`\n2. Migrations of your files (format ${record.format} -> ${CURRENT_FORMAT}):`);
  const stackFiles = new Map(
    readdirSync(root)
      .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
      .sort()
      .map((f) => [f, readFileSync(path.join(root, f), "utf8")]),
  );
  const migrated = applyMigrations(migrationsSince(record.format), stackFiles, CONFIG_NAMESPACE);
  say(migrated.lines.length === 0 ? "  none." : migrated.lines.map((l) => `  ${l}`).join("\n"));
  for (const [file, text] of migrated.rewritten)
    io.out.write(
      createTwoFilesPatch(file, file, stackFiles.get(file)!, text, "", "", { context: 2 }).replace(/^={67}\n/m, ""),
    );
  const pending = migrated.rewritten.size > 0 && !args.write;
  if (args.write) for (const [file, text] of migrated.rewritten) writeFileSync(path.join(root, file), text);

  const closing = () => say(closingLines(root, args.write === true, installed, record, [...migrated.rewritten.keys()]));

  say(`\n3. Lint with ${installed}, every stack (mandatory findings):`);
  let mandatory: LintFinding[];
  try {
    mandatory = lintProject(root, { paths: [] }).findings.filter((f) => f.level === "mandatory");
  } catch (e) {
    // A stack file that no longer reads (a renamed setting before --write), a broken policy config.
    say(`  the project does not load: ${(e as Error).message.replace(/\n/g, "\n    ")}`);
    closing();
    return 1;
  }
  const known = new Set(record.rules ?? FLOW_AND_PACK_RULES.map((r) => r.id));
  const fresh = mandatory.filter((f) => !known.has(f.ruleId));
  if (fresh.length > 0)
    say(
      `  Rules new since ${record.version} that your files break:\n${fresh.map((f) => `    ${f.file}:${f.line}: ${formatFinding(f, f.stacks)}`).join("\n")}`,
    );
  const other = mandatory.filter((f) => known.has(f.ruleId));
  if (other.length > 0)
    say(
      `  ${fresh.length > 0 ? "Other m" : "M"}andatory findings:\n${other.map((f) => `    ${f.file}:${f.line}: ${formatFinding(f, f.stacks)}`).join("\n")}`,
    );
  if (mandatory.length === 0) say("  none: every stack lints clean.");

  say("\n4. The first up after the upgrade (what it would publish, against each stack's state):");
  for (const line of await firstUpReview(
    root,
    [...stackFiles.keys()].map((f) => f.slice("Pulumi.".length, -".yaml".length)),
  ))
    say(`  ${line}`);

  closing();
  return pending || mandatory.length > 0 ? 1 : 0;
}

/**
 * upgrade's last lines: with --write, the record written (`rewritten`: the stack files the migrations
 * rewrote) and what was; without, what --write would do.
 */
function closingLines(
  root: string,
  write: boolean,
  installed: string,
  record: TeamRecord,
  rewritten: string[],
): string {
  if (write) {
    const rules = FLOW_AND_PACK_RULES.map((r) => r.id);
    const text = teamRecordText({ version: installed, format: CURRENT_FORMAT, rules });
    writeFileSync(path.join(root, TEAM_RECORD), text);
    const files = rewritten.length > 0 ? `${rewritten.join(", ")} (the migrations above) and ` : "";
    const wrote = `\nWrote ${files}${TEAM_RECORD} (${installed}, format ${CURRENT_FORMAT}).`;
    return `${wrote}\nNothing was published: review and commit, then preview each stack.`;
  }
  const would: string[] = [];
  if (rewritten.length > 0) would.push("applies the migrations above");
  const recorded = record.version === installed && record.format === CURRENT_FORMAT;
  if (!recorded) would.push(`records ${installed} in ${TEAM_RECORD}`);
  const then = would.length > 0 ? ` \`genesys-flows upgrade --write\` ${would.join(" and ")}.` : "";
  return `\nNothing was written or published.${then}`;
}

/** Per stack: the review's "what up does" measured against its state (git HEAD as the base), or why it was not checked. */
async function firstUpReview(root: string, stacks: readonly string[]): Promise<string[]> {
  const { flowsDiff, readReviewState } = await import("../diff/projectReview");
  const { renderDeployText } = await import("../diff/review");
  const lines: string[] = [];
  for (const stack of stacks) {
    let state: ReviewState | undefined;
    try {
      state = await readReviewState(root, stack);
    } catch (e) {
      lines.push(`${stack}: not checked: its state does not read (${(e as Error).message.split("\n")[0]})`);
      continue;
    }
    if (state === undefined) {
      lines.push(`${stack}: not deployed yet: its first up publishes every flow.`);
      continue;
    }
    try {
      const report = flowsDiff(root, "HEAD", { stack, format: "text", state });
      const publishes = report.deploy?.changes.filter((c) => c.action !== "adopt" && c.action !== "held") ?? [];
      lines.push(
        publishes.length === 0
          ? `${stack}: nothing publishes.`
          : renderDeployText(report.deploy, stack, "HEAD").trimEnd().replace(/\n/g, "\n  "),
      );
    } catch (e) {
      lines.push(`${stack}: not checked: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  return lines;
}
