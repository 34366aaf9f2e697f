// The migration's report (issue 55 item 4): what was migrated and where it went, what stays in
// Terraform and why, the `terraform state rm` commands that hand the migrated resources over
// without destroying them, and what the first `up` does. One value, rendered as markdown and as
// JSON (--json); deterministic. Pure.

export interface MigrationReport {
  stack: string;
  dir: string;
  state?: string;
  /** Whether the files were written (false: problems, nothing written). */
  written: boolean;
  flows: Array<{ address: string; file: string; flowId: string; publishedName: string; substitutions: Array<{ key: string; value: string; from: string; computed?: string }> }>;
  routing: Array<{ address: string; file: string; orgId: string; stackValues: string[] }>;
  staying: Array<{ address: string; why: string }>;
  stateRm: string[];
  firstUp: string[];
  notes: string[];
  problems: string[];
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

export function reportMarkdown(r: MigrationReport): string {
  const L: string[] = [`# Migration of ${r.dir} into stack ${r.stack}`, ""];
  L.push(r.written ? `Written: ${r.flows.length} flow(s) and ${r.routing.length} routing object(s)${r.state ? `, adopted with the ids of ${code(r.state)}` : ""}.` : "Nothing was written: the problems below stop the migration (`--force` writes what could be migrated).");
  if (r.problems.length > 0) L.push("", "## Problems", "", ...r.problems.map((p) => `- ${p}`));
  L.push("", "## Migrated flows", "");
  if (r.flows.length === 0) L.push("None.");
  else {
    L.push("| Terraform resource | flow file | published name (kept) | Genesys id |", "|---|---|---|---|");
    for (const f of r.flows) L.push(`| ${code(f.address)} | ${code(f.file)} | ${f.publishedName} | ${code(f.flowId)} |`);
    const subs = r.flows.flatMap((f) => f.substitutions.map((s) => ({ ...s, address: f.address })));
    if (subs.length > 0) {
      L.push("", "Substitutions (stack values under `genesys-flows:flows.<id>.substitutions` where the flow file keeps the placeholder):", "");
      for (const s of subs) L.push(`- ${code(s.address)} ${code(`{{${s.key}}}`)} = ${JSON.stringify(s.value)}: from ${s.from}${s.computed ? ` (computed in Terraform from ${code(s.computed)}: a named gap, the value no longer follows it)` : ""}`);
    }
  }
  L.push("", "## Migrated routing", "");
  if (r.routing.length === 0) L.push("None.");
  else {
    L.push("| Terraform resource | routing file | Genesys id | stack values |", "|---|---|---|---|");
    for (const o of r.routing) L.push(`| ${code(o.address)} | ${code(o.file)} | ${code(o.orgId)} | ${o.stackValues.join(", ") || "-"} |`);
  }
  L.push("", "## Staying in Terraform", "");
  if (r.staying.length === 0) L.push("Nothing.");
  else for (const s of r.staying) L.push(`- ${code(s.address)}: ${s.why}`);
  L.push("", "## Hand the migrated resources over", "", "Run these in the Terraform directory once the stack's first `up` has adopted them (they forget the resources without destroying them):", "", "```sh", ...(r.stateRm.length > 0 ? r.stateRm : ["# nothing migrated"]), "```");
  L.push("", "## The first up", "", ...r.firstUp.map((f) => `- ${f}`));
  if (r.notes.length > 0) L.push("", "## Notes", "", ...r.notes.map((n) => `- ${n}`));
  return `${L.join("\n")}\n`;
}

export function reportJson(r: MigrationReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
