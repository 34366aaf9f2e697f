// genesys-flows refactor suggest|extract-module|call-module: find logic repeated across flows, move
// it into a common module, or add a call to a module to many flows, each with its proof. The edge
// of refactor/: it reads the project (flows, scenarios, routing, every stack and its policy config),
// runs the pure core, prints, and writes the files only when the proof holds (and not with
// --dry-run). Exit codes: 0 done (or listed), 1 refused or the proof does not hold (nothing
// written), 2 usage.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { FlowLoadError, formatIssue } from "../model/errors";
import { type ArgValues, commandArgs, UsageError } from "../project/cliArgs";
import { planExtract } from "../refactor/extract";
import { planInject } from "../refactor/inject";
import { loadableFlows, loadFlows, RefactorRefusal, Refused, type FileChange } from "../refactor/project";
import { readSnapshot } from "../run/projectSnapshot";
import { prove, type Proof } from "../refactor/proof";
import { extractText, injectText, resultJson, suggestionJson, suggestionsText } from "../refactor/render";
import { suggest } from "../refactor/suggest";

export const HELP = `Usage: genesys-flows refactor suggest [flows...] [--min-nodes <n>] [--limit <n>] [--format text|json]
       genesys-flows refactor extract-module --name <Module> [--nodes <a,b,c> --from <flow>] [--outputs <a,b>] [--out <file>] <flows...>
       genesys-flows refactor call-module --module <Module> --at start|before:<node> [--on-error <node>]
                                          [--input <name>=<expression>]... <flows...>

Moves logic repeated across flows into a common module, with a proof that nothing changed for
callers. Works on the flow files (those imported from Archy exports or an org too); offline.

  suggest          lists the subgraphs two or more flows hold alike (the same node types, fields and
                   transitions, up to node, variable and placeholder names and labels), largest first:
                   where each occurs, what a module of it would take (variables read before written,
                   built-ins a module cannot read itself) and return (variables written that the
                   flow reads later), its ways out, and the command that extracts it (or why it
                   cannot be, and the largest block inside it a module can be made of)
  extract-module   writes the module (flows/modules/<name>.yaml unless --out) and replaces the
                   subgraph in every flow named by a subflow node wired where its ways out went;
                   the subgraph is --nodes of --from, or the largest block a module can be made of
                   that all the flows share; the module returns what the flows read after it, ends
                   in error only where a failure (a failed collect, data action) led, and completes
                   on every other way (two: the flows test an output right after the call)
  call-module      adds a call to an existing module at each flow's start or before a node, its
                   error going to --on-error (default: on to that node); flows without the node are
                   left as they are

Every change carries its proof, printed and in JSON: each changed flow's journeys (what the caller
does and hears and where they end up, node names aside) equal the originals' (extract) or differ
exactly by the call (call-module); the flows' scenarios that passed still pass (scenario files
follow the nodes that moved); lint finds nothing new on every stack. When the proof does not hold,
or the change is refused (more ways out than two that go on and one on failure, reading what a module
cannot receive, a node a module cannot hold), nothing is written and the reason is shown.

Options:
  --name <Module>         the module's name (extract-module)
  --nodes <a,b,c>         the subgraph's nodes in --from (extract-module)
  --from <flow>           the flow --nodes are in
  --outputs <a,b>         what the module returns (extract-module; default: the variables the nodes write
                          that a flow reads after them; refused without one a flow reads)
  --out <file>            the module's file, under flows/ (extract-module)
  --module <Module>       the module to call, by name (call-module)
  --at <where>            start, or before:<node> (call-module)
  --on-error <node>       where a flow goes when the module ends in error (call-module)
  --input <name>=<expr>   a module input and the expression the caller gives it (repeatable)
  --min-nodes <n>         the smallest subgraph suggest lists (default 2)
  --limit <n>             how many suggestions suggest prints (default 10; JSON lists all)
  --max-journeys <n>      journeys per flow the proof enumerates before giving up (default 2000)
  --dry-run               prove, print, write nothing (with --format json: the files' texts)
  --format <f>            text (default) or json
  --root <dir>            the project (default: .)
  -h, --help              show this help

Exit codes: 0 done (or listed), 1 refused or the proof does not hold (nothing written), 2 usage.
`;

const FLAGS = {
  name: { type: "string" },
  nodes: { type: "string" },
  from: { type: "string" },
  out: { type: "string" },
  outputs: { type: "string" },
  module: { type: "string" },
  at: { type: "string" },
  "on-error": { type: "string" },
  input: { type: "string", multiple: true },
  "min-nodes": { type: "string" },
  limit: { type: "string" },
  "max-journeys": { type: "string" },
  "dry-run": { type: "boolean" },
  format: { type: "string" },
  root: { type: "string" },
} as const;

const ACTIONS = ["suggest", "extract-module", "call-module"] as const;
type Action = (typeof ACTIONS)[number];

/** A flow argument as the core names flows: a path (relative to the current folder) becomes the file under the project. */
function flowArg(root: string, cwd: string, arg: string): string {
  if (!/\.ya?ml$/i.test(arg)) return arg;
  const rel = relative(root, resolve(cwd, arg)).split(sep).join("/");
  return rel.startsWith("..") || isAbsolute(rel) ? arg : rel;
}

function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${flag} takes a whole number from 1, not "${value}"`);
  return Number(value);
}

/** `name=expression` pairs of --input. */
function inputsOf(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const i = v.indexOf("=");
    if (i <= 0 || i === v.length - 1) throw new UsageError(`--input takes <name>=<expression>, not "${v}"`);
    out[v.slice(0, i).trim()] = v.slice(i + 1).trim();
  }
  return out;
}

/** Writes the files (the module's folder made when missing). */
function writeChanges(root: string, files: readonly FileChange[]): void {
  for (const f of files) {
    const abs = join(root, f.file);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.after);
  }
}

type Io = { out: { write(s: string): unknown }; err: { write(s: string): unknown } };

/** The command line read: what to do, on which flows, with which options. Throws UsageError. */
function readCommand(values: ArgValues<typeof FLAGS>, positionals: string[]) {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new UsageError(`name what to do: ${ACTIONS.join(", ")}`);
  if (!(ACTIONS as readonly string[]).includes(first))
    throw new UsageError(`unknown refactoring "${first}"; use one of: ${ACTIONS.join(", ")}`);
  const action = first as Action;
  const format = (values.format ?? "text") as "text" | "json";
  if (format !== "text" && format !== "json")
    throw new UsageError(`unknown format "${values.format}"; use text or json`);
  if (action === "extract-module" && values.name === undefined)
    throw new UsageError("extract-module needs --name <Module>");
  if (action === "call-module" && (values.module === undefined || values.at === undefined))
    throw new UsageError("call-module needs --module <Module> and --at start|before:<node>");
  if (action !== "suggest" && rest.length === 0) throw new UsageError(`${action} needs the flows to change`);
  return { values, positionals: rest, action, format };
}

export function main(
  argv: string[],
  io: Io = { out: process.stdout, err: process.stderr },
  cwd = process.cwd(),
): number {
  let command!: ReturnType<typeof readCommand>;
  const usage = { command: "genesys-flows refactor", help: HELP, io, positionals: true };
  const parsed = commandArgs(argv, FLAGS, usage, (values, positionals) => {
    command = readCommand(values, positionals);
  });
  if (typeof parsed === "number") return parsed;
  const { values, positionals, action, format } = command;
  const root = resolve(cwd, values.root ?? ".");
  try {
    const bounds = { maxJourneys: count("--max-journeys", values["max-journeys"], 2000) };
    const snapshot = readSnapshot(root);
    const flows = positionals.map((p) => flowArg(root, cwd, p));
    if (action === "suggest") {
      const list = suggest(flows.length > 0 ? loadFlows(snapshot, flows) : loadableFlows(snapshot), {
        minNodes: count("--min-nodes", values["min-nodes"], 2),
      });
      io.out.write(
        format === "json"
          ? `${JSON.stringify({ suggestions: list.map(suggestionJson) }, null, 2)}\n`
          : suggestionsText(list, count("--limit", values.limit, 10)),
      );
      return 0;
    }
    const dryRun = values["dry-run"] === true;
    let proof: Proof;
    let text: (wrote: boolean) => string;
    let json: (wrote: boolean) => Record<string, unknown>;
    let files: readonly FileChange[];
    if (action === "extract-module") {
      const plan = planExtract(snapshot, {
        name: values.name!,
        flows,
        ...(values.nodes !== undefined
          ? {
              nodes: values.nodes
                .split(",")
                .map((n) => n.trim())
                .filter((n) => n !== ""),
            }
          : {}),
        ...(values.from !== undefined ? { from: flowArg(root, cwd, values.from) } : {}),
        ...(values.out !== undefined ? { out: flowArg(root, cwd, values.out) } : {}),
        ...(values.outputs !== undefined
          ? {
              outputs: values.outputs
                .split(",")
                .map((n) => n.trim())
                .filter((n) => n !== ""),
            }
          : {}),
      });
      proof = prove(snapshot, plan.files, {
        changed: plan.callers.map((c) => c.flow),
        module: plan.module.name,
        bounds,
      });
      ({ files } = plan);
      text = (wrote) => extractText(plan, proof, wrote);
      json = (wrote) => resultJson("extract-module", plan, proof, wrote, dryRun);
    } else {
      const plan = planInject(snapshot, {
        module: values.module!,
        at: values.at!,
        flows,
        inputs: inputsOf(values.input),
        ...(values["on-error"] !== undefined ? { onError: values["on-error"] } : {}),
      });
      proof = prove(snapshot, plan.files, {
        changed: plan.callers.map((c) => c.flow),
        injected: new Map(plan.callers.map((c) => [c.flow, c])),
        bounds,
      });
      ({ files } = plan);
      text = (wrote) => injectText(plan, proof, wrote);
      json = (wrote) => resultJson("call-module", plan, proof, wrote, dryRun);
    }
    const write = proof.holds && !dryRun;
    if (write) writeChanges(root, files);
    io.out.write(format === "json" ? `${JSON.stringify(json(write), null, 2)}\n` : text(write));
    return proof.holds ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(`genesys-flows refactor: ${e.message}\n\n${HELP}`);
      return 2;
    }
    if (e instanceof Refused || e instanceof RefactorRefusal) {
      const reasons = e instanceof Refused ? e.refusals : [e];
      if (format === "json")
        io.out.write(
          `${JSON.stringify({ action, refused: reasons.map((r) => ({ ...r.where, reason: r.reason, message: r.message })), written: false }, null, 2)}\n`,
        );
      else
        io.err.write(
          `genesys-flows refactor ${action}: refused, nothing written:\n${reasons.map((r) => `  ${r.message}`).join("\n")}\n`,
        );
      return 1;
    }
    if (e instanceof FlowLoadError) {
      io.err.write(`genesys-flows refactor: ${e.issues.map(formatIssue).join("\n")}\n`);
      return 1;
    }
    throw e;
  }
}
