// What the refactor commands print: the suggestions, and for an extraction or an injection what it
// changes and its proof, as text for people and as JSON for tools and agents (the MCP server).
// Deterministic: the same result prints the same text. Pure.
import type { ExtractPlan } from "./extract";
import type { InjectPlan } from "./inject";
import type { FileChange } from "./project";
import type { Proof } from "./proof";
import type { SharedSubgraph } from "./subgraph";
import type { Suggestion } from "./suggest";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function ports(ps: ReadonlyArray<{ name: string; type: string; builtin?: string }>): string {
  return ps.length === 0
    ? "nothing"
    : ps.map((p) => `${p.name} (${p.type}${p.builtin !== undefined ? `, from ${p.builtin}` : ""})`).join(", ");
}

function waysOut(s: SharedSubgraph): string {
  if (s.waysOut.length > s.exits.length) return `${s.waysOut.length}, to ${s.waysOut.join(", ")}`;
  const to = (i: number) => [...new Set(s.exits[i].targets)].join(" / ");
  const when = s.branch !== undefined ? ` when ${s.branch.output} is ${s.branch.value}, else ${to(1)}` : "";
  return s.exits
    .flatMap((g, i) => (when !== "" && i === 1 ? [] : [`${g.outcome} -> ${to(i)}${i === 0 ? when : ""}`]))
    .join("; ");
}

/** The copy whose node names are the most common spelling (the one --nodes names). */
function namedLikeMost(s: SharedSubgraph): SharedSubgraph["occurrences"][number] {
  const score = (o: SharedSubgraph["occurrences"][number]) => o.order.filter((n, i) => n === s.names[i]).length;
  return [...s.occurrences].sort((a, b) => score(b) - score(a))[0];
}

/** The command that extracts a subgraph: its nodes as the copy most named like the module names them. */
function extractCommand(s: SharedSubgraph): string {
  const from = namedLikeMost(s);
  return `genesys-flows refactor extract-module --name <Module> --nodes ${from.order.join(",")} --from ${from.flow.id} ${[...new Set(s.occurrences.map((o) => o.flow.id))].filter((id) => id !== from.flow.id).join(" ")}`;
}

/** The suggestion as JSON: where it occurs, what a module of it would take and return, why not, and the largest block one can be made of. */
export function suggestionJson(s: Suggestion): Record<string, unknown> {
  const block = s.block;
  return {
    nodes: s.names.length,
    flows: [...new Set(s.occurrences.map((o) => o.flow.id))].length,
    names: s.names,
    occurrences: s.occurrences.map((o) => ({ flow: o.flow.id, file: o.flow.file, nodes: o.order })),
    inputs: s.inputs,
    outputs: s.outputs,
    exits: s.exits.map((g) => ({ outcome: g.outcome, targets: g.targets })),
    extractable: s.refusals.length === 0,
    ...(s.refusals.length > 0 ? { refused: s.refusals.map((r) => r.message) } : {}),
    ...(block
      ? {
          block: {
            nodes: block.names.length,
            names: block.names,
            inputs: block.inputs,
            outputs: block.outputs,
            exits: block.exits.map((g) => ({ outcome: g.outcome, targets: g.targets })),
            command: extractCommand(block),
          },
        }
      : {}),
    command: extractCommand(block ?? s),
  };
}

export function suggestionsText(list: readonly Suggestion[], limit: number): string {
  if (list.length === 0) return "No subgraph of two or more nodes occurs in two or more of these flows.\n";
  const lines = [`${plural(list.length, "subgraph")} shared by two or more flows, largest first:`];
  for (const [i, s] of list.slice(0, limit).entries()) {
    const j = suggestionJson(s);
    lines.push(
      "",
      `${i + 1}. ${plural(s.names.length, "node")} in ${plural(j.flows as number, "flow")}: ${s.names.join(", ")}`,
    );
    const width = Math.max(...s.occurrences.map((o) => o.flow.file.length));
    for (const o of s.occurrences) lines.push(`   ${o.flow.file.padEnd(width)}  ${o.order.join(", ")}`);
    lines.push(`   takes: ${ports(s.inputs)}`, `   returns: ${ports(s.outputs)}`);
    if (s.waysOut.length > 0) lines.push(`   ways out: ${waysOut(s)}`);
    for (const r of s.refusals) lines.push(`   not extractable: ${r.message}`);
    if (s.block) {
      const b = s.block;
      lines.push(
        `   the largest block a module can be made of: ${plural(b.names.length, "node")}, ${b.names.join(", ")}`,
        `     takes: ${ports(b.inputs)}`,
        `     returns: ${ports(b.outputs)}`,
        `     ways out: ${waysOut(b)}`,
      );
    }
    if (s.refusals.length === 0 || s.block) lines.push(`   extract: ${j.command as string}`);
  }
  if (list.length > limit) lines.push("", `${list.length - limit} more (--limit ${list.length} lists them all).`);
  return `${lines.join("\n")}\n`;
}

export function proofText(proof: Proof): string {
  const lines = [`Proof: ${proof.holds ? "holds" : "does not hold"}`];
  for (const p of proof.problems) lines.push(`  problem    ${p}`);
  const width = Math.max(0, ...proof.journeys.map((j) => j.file.length));
  for (const j of proof.journeys) {
    lines.push(`  journeys   ${j.file.padEnd(width)}  ${j.summary}`);
    if (j.difference) {
      if (j.difference.before !== undefined) lines.push(`               before: ${j.difference.before}`);
      if (j.difference.after !== undefined) lines.push(`               after:  ${j.difference.after}`);
    }
  }
  if (proof.scenarios.length === 0) lines.push("  scenarios  none for these flows");
  const files = [...new Set(proof.scenarios.map((s) => s.file))];
  for (const file of files) {
    const of = proof.scenarios.filter((s) => s.file === file);
    // A file whose scenarios all pass before and after is one line; otherwise each scenario is.
    if (of.every((s) => s.before === "passed" && s.after === "passed")) {
      lines.push(
        `  scenarios  ${file} (${[...new Set(of.map((s) => s.stack))].join(", ")}): ${of.length === 1 ? "1 passes" : `${of.length} pass`} before and after`,
      );
      continue;
    }
    for (const s of of) {
      const verdict = s.before === s.after ? `${s.after} before and after` : `${s.before} before, ${s.after} after`;
      lines.push(
        `  scenario   ${s.file}: "${s.name}" (${s.stack}): ${verdict}${s.holds ? "" : " <- the change breaks it"}`,
      );
      if (!s.holds || s.after === "not run") for (const d of s.differences) lines.push(`               ${d}`);
    }
  }
  for (const l of proof.lint) {
    lines.push(
      `  lint       ${l.stack}: ${l.holds ? (l.after === 0 ? "clean" : `no new finding (${plural(l.after, "mandatory finding")}, as before)`) : `${plural(l.added.length, "new mandatory finding")}`}`,
    );
    for (const a of l.added) lines.push(`               ${a}`);
  }
  return `${lines.join("\n")}\n`;
}

function written(files: readonly FileChange[], wrote: boolean, proof: Proof): string {
  if (!proof.holds) return "Nothing written: the proof does not hold (see above).\n";
  const verb = wrote ? "Wrote" : "Would write (dry run)";
  return `${verb}:\n${files.map((f) => `  ${f.before === undefined ? "+" : "~"} ${f.file}`).join("\n")}\n`;
}

export function extractText(plan: ExtractPlan, proof: Proof, wrote: boolean): string {
  const s = plan.shared;
  const lines = [
    `Module ${plan.module.name} (${plan.module.file}): ${plural(s.names.length, "node")} (${s.names.join(", ")}) from ${plural(plan.callers.length, "flow")}`,
  ];
  const width = Math.max(...plan.callers.map((c) => c.file.length));
  for (const c of plan.callers)
    for (const call of c.calls)
      lines.push(`  ${c.file.padEnd(width)}  ${call.replaces.join(", ")} -> subflow node ${call.node}`);
  lines.push(
    `  takes: ${ports(s.inputs)}`,
    `  returns: ${ports(s.outputs)}${s.passThrough.length > 0 ? ` (${s.passThrough.join(", ")} also ${s.passThrough.length === 1 ? "goes" : "go"} in: the subgraph may leave ${s.passThrough.length === 1 ? "it as it was" : "them as they were"})` : ""}`,
    `  outcomes: ${waysOut(s)}`,
    "",
  );
  return `${lines.join("\n")}\n${proofText(proof)}\n${written(plan.files, wrote, proof)}`;
}

export function injectText(plan: InjectPlan, proof: Proof, wrote: boolean): string {
  const lines = [`Call of ${plan.module.name} (${plan.module.file}) added to ${plural(plan.callers.length, "flow")}:`];
  const width = Math.max(...plan.callers.map((c) => c.file.length));
  for (const c of plan.callers)
    lines.push(
      `  ${c.file.padEnd(width)}  subflow node ${c.call} before ${c.before}${c.onError !== c.before ? ` (on error: ${c.onError})` : ""}`,
    );
  for (const s of plan.skipped) lines.push(`  left as it is: ${s.flow} ${s.reason}`);
  lines.push("");
  return `${lines.join("\n")}\n${proofText(proof)}\n${written(plan.files, wrote, proof)}`;
}

/** A refactoring's result as JSON (the files' texts with `texts`: what a dry run would write). */
export function resultJson(
  kind: "extract-module" | "call-module",
  plan: ExtractPlan | InjectPlan,
  proof: Proof,
  wrote: boolean,
  texts: boolean,
): Record<string, unknown> {
  const files = plan.files.map((f) => ({
    file: f.file,
    change: f.before === undefined ? "create" : "update",
    ...(texts ? { text: f.after } : {}),
  }));
  const body =
    kind === "extract-module"
      ? {
          module: plan.module,
          callers: (plan as ExtractPlan).callers,
          inputs: (plan as ExtractPlan).shared.inputs,
          outputs: (plan as ExtractPlan).shared.outputs,
          outcomes: (plan as ExtractPlan).shared.exits.map((g) => ({ outcome: g.outcome, targets: g.targets })),
        }
      : { module: plan.module, callers: (plan as InjectPlan).callers, skipped: (plan as InjectPlan).skipped };
  return { action: kind, ...body, proof, written: wrote && proof.holds, files };
}
