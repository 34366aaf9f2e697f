// `genesys-flows traffic pull`: what real callers did, from the org's historical flow execution
// data, kept as journeys per flow and version (traffic/journeys.ts) in a deterministic file the
// review and scenarios can read. The reads are org/executionData.ts's, through the one client.
// The file goes to .work/traffic/<stack>.json by default: .work/ is the project's git-ignored
// local state (plans, diagrams), and a pull is a snapshot of an org, not a source; --out puts it
// where a team wants to commit it. `traffic scenarios` turns the most frequent of those journeys
// into scenario files (traffic/scenarios.ts chooses, behaviour/replay.ts finds the answers).
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { type Program, programOfPortfolio } from "../behaviour/program";
import { replayJourney } from "../behaviour/replay";
import { parseScenarioText } from "../behaviour/scenario/load";
import type { Scenario } from "../behaviour/scenario/schema";
import { FlowLoadError } from "../model/errors";
import { readYaml } from "../model/yamlReader";
import { type ArgValues, commandArgs, UsageError } from "../project/cliArgs";
import { readPortfolio } from "../project/portfolio";
import { projectDir } from "../project/root";
import type { StackSettings } from "../planner/stackSettings";
import { readStackSettings } from "../project/stackFile";
import {
  currentVersions,
  keepJourneys,
  parseTraffic,
  pulledFile,
  sortedJson,
  type PullLimits,
  type PulledTraffic,
  type StackFlow,
  type TrafficFile,
} from "../traffic/journeys";
import { selectJourneys } from "../traffic/scenarios";
import { shareText } from "../traffic/weigh";

export const HELP = `Usage: genesys-flows traffic pull --stack <s> [--since <duration>] [--flow <name>] [--out <file>] [--keep-values]
       genesys-flows traffic scenarios [--stack <s>] [--in <pulled file>] [--top <n> | --share <percent>] [--out <dir>]

pull: reads the historical flow execution data of the org the stack deploys to (signed in as
verify is) and keeps what real callers did as journeys: per flow and version, the distinct paths
through the stack's nodes with their counts, each action found by its id among the actions the
stack compiles, by its kind, its name (Notes level and above) and the order the actions ran in
(tracking numbers are only a label). Execution data is off in Genesys until an admin enables it
(docs/traffic.md).

Queries answer at most 200 executions: a time window that fills one is halved until each part
answers fewer. The report names what could not be seen: flows without execution data, windows
still full at one second, versions the stack no longer compiles, actions that map to no node (or
could be more than one: set the level to Notes).

scenarios: writes the most frequent journeys of a pulled file as scenarios \`genesys-flows test\`
replays (<dir>/<flow id>/real-journeys-<stack>.yaml), each with its source and share; the answers
that take a journey are found by running the flow. Journeys no scenario can drive are named.

Options:
  --stack <s>         the stack (default local)
  --since <duration>  pull: how far back: <n>m, <n>h or <n>d (default 10d, what Genesys keeps)
  --flow <name>       pull: one flow: its id (calls/sales) or published name
  --out <file|dir>    pull: the journeys file (default .work/traffic/<stack>.json);
                      scenarios: the folder of scenario files (default scenarios)
  --keep-values       pull: keep the variables' values (callers' numbers, what they typed): personal data
  --in <file>         scenarios: the pulled file (default .work/traffic/<stack>.json)
  --top <n>           scenarios: the n most frequent journeys of each flow (default 10)
  --share <percent>   scenarios: as many journeys as it takes to cover this share of each flow's executions
  -h, --help          show this help
Exit codes: 0 done, 1 the flows or the pulled file do not load, 2 usage errors, 3 the org could not be read.
`;

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The report on standard output: where the file is, and the counts and limits in it. */
function summary(file: string, t: TrafficFile): string {
  const lines = [`wrote ${file}`];
  for (const f of t.flows)
    for (const v of f.versions)
      lines.push(
        `  ${f.name} ${v.version}: ${v.executions} executions, ${v.journeys.length} distinct journeys${v.inStack ? "" : " (a version the stack no longer compiles)"}`,
      );
  const l = t.limits;
  const named = (label: string, items: readonly string[]) =>
    items.length > 0 ? [`  ${label} (${items.length}): ${items.join(", ")}`] : [];
  lines.push(`limits: ${l.queries} queries`);
  lines.push(
    ...named("flows without execution data", l.flowsWithoutData),
    ...named("windows still at the 200 cap (executions may be missing)", l.cappedWindows),
  );
  lines.push(
    ...named("versions the stack no longer compiles", l.versionsNotInStack),
    ...named("actions that map to no node now", Object.keys(l.unmappedActions)),
  );
  lines.push(
    ...named("downloads that failed", l.failedDownloads),
    ...named("flows outside the stack (not kept)", Object.keys(l.flowsNotInStack)),
  );
  return `${lines.join("\n")}\n`;
}

const FLAGS = {
  stack: { type: "string" },
  since: { type: "string" },
  flow: { type: "string" },
  out: { type: "string" },
  "keep-values": { type: "boolean" },
  in: { type: "string" },
  top: { type: "string" },
  share: { type: "string" },
  root: { type: "string" },
} as const;
const ONLY: Record<string, readonly string[]> = {
  pull: ["since", "flow", "keep-values"],
  scenarios: ["in", "top", "share"],
};

/** The command line read: the subcommand, --since in milliseconds. Throws UsageError. */
function readCommand(args: ArgValues<typeof FLAGS>, positionals: string[]) {
  const sub = positionals.join(" ");
  if (sub !== "pull" && sub !== "scenarios")
    throw new UsageError(`the traffic command is "traffic pull" or "traffic scenarios", not "traffic ${sub}"`);
  const other = sub === "pull" ? "scenarios" : "pull";
  const foreign = ONLY[other].find((k) => Object.hasOwn(args, k));
  if (foreign !== undefined)
    throw new UsageError(`--${foreign} is an option of "traffic ${other}", not of "traffic ${sub}"`);
  if (args.top !== undefined && args.share !== undefined) throw new UsageError("give --top or --share, not both");
  if (args.top !== undefined && !/^[1-9]\d*$/.test(args.top))
    throw new UsageError(`--top takes a number of journeys, not "${args.top}"`);
  if (
    args.share !== undefined &&
    (!/^\d+(\.\d+)?$/.test(args.share) || Number(args.share) <= 0 || Number(args.share) > 100)
  )
    throw new UsageError(`--share takes a percentage above 0 and up to 100, not "${args.share}"`);
  const since = /^(\d+)([mhd])$/.exec(args.since ?? "10d");
  if (!since || Number(since[1]) === 0)
    throw new UsageError(`--since takes a duration such as 30m, 12h or 7d, not "${args.since}"`);
  return { sub, sinceMs: Number(since[1]) * UNITS[since[2]] };
}

export async function main(
  argv: string[],
  io = { out: process.stdout, err: process.stderr },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let command!: ReturnType<typeof readCommand>;
  const parsed = commandArgs(
    argv,
    FLAGS,
    { command: "traffic", help: HELP, io, positionals: true },
    (args, positionals) => {
      command = readCommand(args, positionals);
    },
  );
  if (typeof parsed === "number") return parsed;
  const args = parsed.values;
  const { sub, sinceMs } = command;
  const root = path.resolve(args.root ?? projectDir());
  const stack = args.stack ?? "local";
  if (sub === "scenarios") return scenarios(root, stack, args, io);
  let flows: StackFlow[];
  let settings: StackSettings;
  try {
    settings = readStackSettings(root, stack);
    flows = readPortfolio(root, stack, settings).flows.map((f) => {
      const doc = readYaml(f.substitutedYaml, { exactIntegers: false });
      return {
        id: f.id,
        file: f.file,
        publishedName: f.publishedName,
        revision: f.revision,
        doc: doc.ok ? doc.value : undefined,
        actionNodes: f.actionNodes,
        ...(f.kind.isModule ? { moduleName: f.model.name } : {}),
      };
    });
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    io.err.write(`traffic: ${e.message}\n`);
    return 1;
  }
  if (args.flow !== undefined) {
    const chosen = flows.filter((f) => f.id === args.flow || f.publishedName === args.flow);
    if (chosen.length === 0) {
      io.err.write(
        `traffic: --flow ${args.flow} is no flow of stack ${stack} (its id, like ${flows[0]?.id ?? "calls/sales"}, or its published name)\n`,
      );
      return 2;
    }
    // The modules stay: their items run nested in the chosen flow's executions.
    flows = flows.filter((f) => chosen.includes(f) || f.moduleName !== undefined);
  }
  // The local stack's org is the emulator: start it (with its org file) when it is not running.
  let stopEmulator: (() => Promise<void>) | undefined;
  if (stack === "local" && settings.provider.gateway?.host === "127.0.0.1") {
    const { ensureEmulator } = await import("../emulator/localStack");
    const e = await ensureEmulator(settings);
    if (e.started) stopEmulator = () => e.started!.stop();
  }
  const { connectToOrg, ConnectError, pulumiSecret } = await import("../org/signIn");
  const { OrgApiError } = await import("../org/client");
  const { downloadExecutions, findExecutions } = await import("../org/executionData");
  const { readReleases, StateError } = await import("../org/stackExport");
  const { pulumiProjectName } = await import("../org/fileBackendState");
  try {
    const { api } = await connectToOrg({ stack, settings, env, secret: pulumiSecret(stack, root) });
    const to = Date.now();
    const from = to - sinceMs;
    const pull: PullLimits = { queries: 0, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} };
    const names = new Set(flows.map((f) => f.publishedName));
    const { listFlowsNamed } = await import("../org/flows");
    const flowId =
      args.flow !== undefined
        ? (await listFlowsNamed(api, flows[0].publishedName)).find((f) => f.name === flows[0].publishedName)?.flowId
        : undefined;
    const found =
      args.flow !== undefined && flowId === undefined ? [] : await findExecutions(api, from, to, flowId, pull);
    for (const f of found)
      if (!names.has(f.flowName)) pull.flowsNotInStack[f.flowName] = (pull.flowsNotInStack[f.flowName] ?? 0) + 1;
    const executions = await downloadExecutions(
      api,
      [...new Set(found.filter((f) => names.has(f.flowName)).map((f) => f.id))],
      pull,
    );
    // Which versions are what the stack compiles now: its release record, else what the org publishes.
    const ran = [...new Map(executions.map((e) => [`${e.flow.flowId}@${e.flow.flowVersion}`, e.flow])).values()];
    const { history } = pulumiProjectName(root) === undefined ? { history: [] } : await readReleases(stack, root);
    const published = new Map<string, string>();
    for (const name of history.length > 0 ? [] : new Set(ran.map((r) => r.flowName)))
      for (const f of await listFlowsNamed(api, name))
        if (f.publishedVersion) published.set(f.flowId, f.publishedVersion.id);
    const current = currentVersions(ran, flows, history, published);
    const journeys = keepJourneys({
      stack,
      window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      flows,
      current,
      executions,
      pull,
      keepValues: args["keep-values"] === true,
    });
    const out = path.resolve(root, args.out ?? pulledFile(stack));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, sortedJson(journeys));
    if (journeys.keepValues)
      io.err.write(
        `traffic: warning: --keep-values kept the variables' values (callers' numbers, what they typed) in ${out}: personal data; do not commit or share it\n`,
      );
    io.out.write(summary(out, journeys));
    return 0;
  } catch (e) {
    if (e instanceof ConnectError || e instanceof OrgApiError || e instanceof StateError) {
      io.err.write(
        `traffic: could not read the execution data of stack "${stack}": ${e.message}${e instanceof ConnectError && e.fix ? `\n  Fix: ${e.fix}` : ""}\n`,
      );
      return 3;
    }
    throw e;
  } finally {
    await stopEmulator?.();
  }
}

type Io = { out: { write(s: string): unknown }; err: { write(s: string): unknown } };

/** The header of a file `traffic scenarios` writes: how to tell it from a file a person wrote. */
const GENERATED = "# Written by `genesys-flows traffic scenarios`";

/** `traffic scenarios`: the pulled file's most frequent journeys as scenario files. */
function scenarios(
  root: string,
  stack: string,
  args: { in?: string; top?: string; share?: string; out?: string },
  io: Io,
): number {
  const input = path.resolve(root, args.in ?? pulledFile(stack));
  const refuse = (why: string) => (io.err.write(`traffic: cannot read ${input}: ${why}\n`), 1);
  if (!fs.existsSync(input)) return refuse(`no such file (pull it first: genesys-flows traffic pull --stack ${stack})`);
  let traffic: PulledTraffic;
  try {
    traffic = parseTraffic(fs.readFileSync(input, "utf8"));
  } catch (e) {
    return refuse((e as Error).message);
  }
  if (traffic.stack !== stack)
    return refuse(`it was pulled from stack ${traffic.stack}: give --stack ${traffic.stack}`);
  let program: Program;
  try {
    program = programOfPortfolio(readPortfolio(root, stack));
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    io.err.write(`traffic: ${e.message}\n`);
    return 1;
  }
  const selection = selectJourneys(
    traffic,
    args.share !== undefined ? { share: Number(args.share) } : { top: Number(args.top ?? 10) },
  );
  const idOf = new Map([...program.flows.values()].map((f) => [f.file, f.id]));
  const files = new Map<string, Scenario[]>();
  const notWritten: string[] = [];
  for (const c of selection.chosen) {
    const id = idOf.get(c.file);
    const share = shareText(c.journey.count, c.flowExecutions);
    const replay =
      id !== undefined
        ? replayJourney(program, id, c.journey)
        : { notReplayable: `${c.file} is no flow of stack ${stack} now` };
    if ("notReplayable" in replay) {
      notWritten.push(`${c.flow} journey ${c.journey.id}, ${share}: ${replay.notReplayable}`);
      continue;
    }
    const from = `stack ${traffic.stack}, flow ${c.flow} (${c.file}) version ${c.version}, journey ${c.journey.id}: ${share} of the flow's real executions from ${traffic.window.from} to ${traffic.window.to}`;
    files.set(id!, [
      ...(files.get(id!) ?? []),
      { name: `Real journey ${c.journey.id}: ${share}`, description: `From ${from}.`, ...replay.scenario },
    ]);
  }
  const written: string[] = [];
  for (const [id, list] of files) {
    const rel = path.join(args.out ?? "scenarios", id, `real-journeys-${stack}.yaml`);
    const file = path.resolve(root, rel);
    const text = `${GENERATED} from ${path.relative(root, input).split(path.sep).join("/")}: the most frequent real journeys of\n# ${id}, replayed. Written again by the next run: edit a copy, not this file.\n${stringify({ stack, flow: id, scenarios: list }, { lineWidth: 0 })}`;
    // Checked by the schema `genesys-flows test` reads them with; a file a person wrote is never replaced.
    parseScenarioText(text, rel);
    if (fs.existsSync(file) && !fs.readFileSync(file, "utf8").startsWith(GENERATED)) {
      notWritten.push(`${rel}: a file a person wrote is there; move it, or give --out`);
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(`wrote ${rel} (${list.length} scenario${list.length === 1 ? "" : "s"})`);
  }
  const named = (label: string, items: readonly string[]) =>
    items.length > 0 ? [`${label} (${items.length}):`, ...items.map((i) => `  ${i}`)] : [];
  const lines = [
    ...(written.length > 0 ? written : ["no scenario written"]),
    ...named("not written", notWritten),
    ...named("versions the stack no longer compiles (not replayed)", selection.oldVersions),
    ...named("journeys with actions that map to no node now (not replayed)", selection.unmapped),
  ];
  io.out.write(`${lines.join("\n")}\n`);
  return 0;
}
