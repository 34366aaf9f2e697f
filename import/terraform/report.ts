// The migration's report (issues 55 and 62): the variable sources read, what was migrated and
// where it went (each substitution with where its value came from, the Archy actions that stay raw
// and why), what is not migrated and why, what stays in Terraform, the hand-over (the patch, the
// `removed` blocks, every place that stays and refers to a migrated resource with what to put
// there, `terraform state rm` for older versions), the review command and what the first `up`
// does. A refused run claims nothing. One value, rendered as markdown and as JSON (--json);
// deterministic; paths relative to the repository. Pure.
import type { StayingReference } from "./handover";

export interface ReportFlow {
  address: string;
  /** The flow file written. */
  file: string;
  /** The Archy file Terraform publishes. */
  source: string;
  /** The Genesys id adopted; absent for a new flow of the stack (--no-state, not found in the org). */
  flowId?: string;
  publishedName: string;
  /** The published name is kept as it is (genesys-flows:flows.<id>.name): the stack's namePrefix does not start it. */
  nameKept: boolean;
  substitutions: Array<{ key: string; value: string; from: string; computed?: string }>;
  /** Archy actions kept raw (`archy` nodes), with the Archy file's line and why. */
  raw: Array<{ at: string; action: string; reason: string }>;
}

export interface MigrationReport {
  stack: string;
  /** The Terraform directory (the root module), relative to the repository. */
  dir: string;
  state?: string;
  /** --no-state: the flows the org has under Terraform's names are adopted, the others are new flows of the stack. */
  noState: boolean;
  /** Whether the files were written (false: problems, nothing written). */
  written: boolean;
  /** The variable sources read, in Terraform's precedence order (a later one wins). */
  variables: string[];
  /** Environments under envs/ whose variables were not read, and the option that reads them (no --env given). */
  variablesHint?: string;
  flows: ReportFlow[];
  routing: Array<{ address: string; file: string; orgId: string; stackValues: string[] }>;
  /** Flows and routing objects of the estate that are not migrated, with why. */
  notMigrated: Array<{ address: string; why: string }>;
  staying: Array<{ address: string; why: string }>;
  handover: {
    /** The patch file written (relative to the repository). */
    patch?: string;
    /** The files the patch changes or adds. */
    files: string[];
    /** The addresses its `removed` blocks forget. */
    removed: string[];
    references: StayingReference[];
    /** For Terraform and OpenTofu before 1.7 (no `removed` block). */
    stateRm: string[];
  };
  /** The command that shows the review of the change. */
  review?: string;
  /** The project's shipped example flows still in flows/: every stack deploys them beside the migrated flows. */
  examples?: { flows: string[]; remove: string };
  firstUp: string[];
  notes: string[];
  problems: string[];
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function flowsSection(r: MigrationReport): string[] {
  const L = ["", "## Migrated flows", ""];
  if (r.flows.length === 0) return [...L, "None."];
  L.push("| Terraform resource | flow file | published name | Genesys id |", "|---|---|---|---|");
  for (const f of r.flows)
    L.push(
      `| ${code(f.address)} | ${code(f.file)} | ${f.publishedName}${f.nameKept ? " (kept: `name` in the stack file)" : ""} | ${f.flowId !== undefined ? `${code(f.flowId)} (adopted)` : "new: not adopted"} |`,
    );
  const subs = r.flows.filter((f) => f.substitutions.length > 0);
  if (subs.length > 0) {
    L.push(
      "",
      "Substitutions (stack values under `genesys-flows:flows.<id>.substitutions`, where the flow file keeps the placeholder), with where each value came from:",
      "",
    );
    for (const f of subs)
      for (const s of f.substitutions)
        L.push(
          `- ${code(f.address)} ${code(`{{${s.key}}}`)} = ${JSON.stringify(s.value)}: ${s.from}${s.computed ? "; the stack's value no longer follows it" : ""}`,
        );
  }
  const raw = r.flows.filter((f) => f.raw.length > 0);
  if (raw.length > 0) {
    L.push("", "Archy actions kept raw (an `archy` node each, checked like any flow), and why:", "");
    for (const f of raw)
      for (const u of f.raw) L.push(`- ${code(u.at)} ${code(u.action)} (${code(f.address)}): ${u.reason}`);
  }
  return L;
}

function handoverSection(r: MigrationReport): string[] {
  const h = r.handover;
  const L = ["", "## Hand the migrated resources over to the stack", ""];
  if (h.removed.length === 0) return [...L, "Nothing migrated: nothing to hand over."];
  if (h.patch !== undefined) {
    L.push(
      `${code(h.patch)} holds the Terraform side of this change, to review in the same pull request: it deletes the migrated resource blocks and adds a \`removed\` block for each (Terraform 1.7+, OpenTofu 1.7+), so the next \`terraform apply\` forgets them without destroying them and nothing re-creates them. It changes ${h.files.map(code).join(", ")}.`,
      "",
    );
    L.push("```sh", `git apply ${h.patch} && rm ${h.patch}`, "```", "");
    L.push(
      "Apply it once every environment that shares this configuration is migrated (each environment's apply then forgets its own resources); until then, do not apply the Terraform configuration.",
    );
  } else
    L.push(
      "Once written, the hand-over patch deletes the migrated resource blocks and adds a `removed` block for each.",
    );
  L.push("", `Forgotten by the \`removed\` blocks: ${h.removed.map(code).join(", ")}.`);
  if (h.references.length > 0) {
    L.push(
      "",
      "What stays in Terraform and refers to a migrated resource (the patch points it at a data source that finds the object by name; the id as a literal also works, for this environment only):",
      "",
    );
    L.push("| where | in | refers to | the patch puts | or |", "|---|---|---|---|---|");
    for (const x of h.references)
      L.push(`| ${code(x.at)} | ${code(x.in)} | ${code(x.reference)} | ${code(x.dataSource)} | ${code(x.literal)} |`);
  }
  L.push(
    "",
    "Terraform or OpenTofu before 1.7 (no `removed` block): delete the blocks as the patch does, then run these in the Terraform directory:",
    "",
    "```sh",
    ...h.stateRm,
    "```",
  );
  return L;
}

export function reportMarkdown(r: MigrationReport): string {
  const L: string[] = [`# Migration of ${r.dir} into stack ${r.stack}`, ""];
  const what = `${r.flows.length} flow(s) and ${r.routing.length} routing object(s)`;
  L.push(
    r.written
      ? `Written: ${what}${r.noState ? ", without a state (--no-state: the flows the org has under Terraform's names adopted, the others new flows of the stack)" : r.state ? `, adopted with the ids of ${code(r.state)}` : ""}.`
      : `Nothing was written: the problems below stop the migration (\`--force\` writes what could be migrated). What follows is what it would do.`,
  );
  if (r.problems.length > 0) L.push("", "## Problems", "", ...r.problems.map((p) => `- ${p}`));
  L.push(
    "",
    "## Variables",
    "",
    "Read in Terraform's order (a later source wins):",
    "",
    ...r.variables.map((v) => `- ${v}`),
  );
  if (r.variablesHint !== undefined) L.push("", `**Hint:** ${r.variablesHint}.`);
  L.push(...flowsSection(r));
  L.push("", "## Migrated routing", "");
  if (r.routing.length === 0) L.push("None.");
  else {
    L.push("| Terraform resource | routing file | Genesys id | stack values |", "|---|---|---|---|");
    for (const o of r.routing)
      L.push(`| ${code(o.address)} | ${code(o.file)} | ${code(o.orgId)} | ${o.stackValues.join(", ") || "-"} |`);
  }
  if (r.notMigrated.length > 0)
    L.push(
      "",
      "## Not migrated (they stay in Terraform)",
      "",
      ...r.notMigrated.map((n) => `- ${code(n.address)}: ${n.why}`),
    );
  L.push("", "## Staying in Terraform", "");
  if (r.staying.length === 0) L.push("Nothing.");
  else for (const s of r.staying) L.push(`- ${code(s.address)}: ${s.why}`);
  L.push(...handoverSection(r));
  if (r.examples !== undefined) {
    L.push(
      "",
      "## The project's example flows",
      "",
      `flows/ still holds ${r.examples.flows.length} of the example flows the project ships: ${r.examples.flows.map(code).join(", ")}. Stack ${r.stack} deploys them beside the migrated flows (the review lists them as created, or unchanged, or deleted once removed). Unless the stack should keep them, remove the examples (their routing and scenarios with them) in the same change, before the first up:`,
      "",
      "```sh",
      r.examples.remove,
      "```",
    );
  }
  if (r.written) {
    L.push("", "## Review, then the first up", "");
    if (r.review !== undefined) L.push(`The review of the change: ${code(r.review)}.`, "");
    L.push(...r.firstUp.map((f) => `- ${f}`));
  }
  if (r.notes.length > 0) L.push("", "## Notes", "", ...r.notes.map((n) => `- ${n}`));
  return `${L.join("\n")}\n`;
}

export function reportJson(r: MigrationReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
