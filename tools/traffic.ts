// `genesys-flows traffic pull`: what real callers did, from the org's historical flow execution
// data, kept as journeys per flow and version (traffic/journeys.ts) in a deterministic file the
// review and scenarios can read. The reads are org/executionData.ts's, through the one client.
// The file goes to .work/traffic/<stack>.json by default: .work/ is the project's git-ignored
// local state (plans, diagrams), and a pull is a snapshot of an org, not a source; --out puts it
// where a team wants to commit it.
import * as fs from "node:fs";
import * as path from "node:path";
import { FlowLoadError } from "../model/errors";
import { readYaml } from "../model/yamlReader";
import { parseCommandLine, UsageError } from "../project/cliArgs";
import { readPortfolio } from "../project/portfolio";
import { projectRoot } from "../project/root";
import { readStackSettings } from "../project/stackFile";
import { keepJourneys, sortedJson, type PullLimits, type StackFlow, type TrafficFile } from "../traffic/journeys";

export const HELP = `Usage: genesys-flows traffic pull --stack <s> [--since <duration>] [--flow <name>] [--out <file>] [--keep-values]

Reads the historical flow execution data of the org the stack deploys to (signed in as verify is)
and keeps what real callers did as journeys: per flow and version, the distinct paths through the
stack's nodes (each action mapped back through the configuration of the version that ran) with
their counts. Execution data is off in Genesys until an admin enables it (docs/traffic.md).

Queries answer at most 200 executions: a time window that fills one is halved until each part
answers fewer. The report names what could not be seen: flows without execution data, windows
still full at one second, versions the stack no longer compiles, actions that map to no node.

Options:
  --stack <s>         the stack (default local)
  --since <duration>  how far back: <n>m, <n>h or <n>d (default 10d, what Genesys keeps)
  --flow <name>       one flow: its id (calls/sales) or published name
  --out <file>        where to write the journeys (default .work/traffic/<stack>.json)
  --keep-values       keep the variables' values (callers' numbers, what they typed): personal data
  -h, --help          show this help
Exit codes: 0 pulled, 1 the flows do not load, 2 usage errors, 3 the org could not be read.
`;

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The report on standard output: where the file is, and the counts and limits in it. */
function summary(file: string, t: TrafficFile): string {
  const lines = [`wrote ${file}`];
  for (const f of t.flows) for (const v of f.versions) lines.push(`  ${f.name} ${v.version}: ${v.executions} executions, ${v.journeys.length} distinct journeys${v.inStack ? "" : " (a version the stack no longer compiles)"}`);
  const l = t.limits;
  const named = (label: string, items: readonly string[]) => (items.length > 0 ? [`  ${label} (${items.length}): ${items.join(", ")}`] : []);
  lines.push(`limits: ${l.queries} queries`);
  lines.push(...named("flows without execution data", l.flowsWithoutData), ...named("windows still at the 200 cap (executions may be missing)", l.cappedWindows));
  lines.push(...named("versions the stack no longer compiles", l.versionsNotInStack), ...named("actions that map to no node now", Object.keys(l.unmappedActions)));
  lines.push(...named("downloads that failed", l.failedDownloads), ...named("flows outside the stack (not kept)", Object.keys(l.flowsNotInStack)));
  return `${lines.join("\n")}\n`;
}

export async function main(argv: string[], io = { out: process.stdout, err: process.stderr }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args;
  let sinceMs: number;
  try {
    const parsed = parseCommandLine(argv, { stack: { type: "string" }, since: { type: "string" }, flow: { type: "string" }, out: { type: "string" }, "keep-values": { type: "boolean" }, root: { type: "string" }, help: { type: "boolean", short: "h" } }, { positionals: true });
    args = parsed.values;
    if (args.help) {
      io.out.write(HELP);
      return 0;
    }
    if (parsed.positionals.join(" ") !== "pull") throw new UsageError(`the traffic command is "traffic pull", not "traffic ${parsed.positionals.join(" ")}"`);
    const since = /^(\d+)([mhd])$/.exec(args.since ?? "10d");
    if (!since || Number(since[1]) === 0) throw new UsageError(`--since takes a duration such as 30m, 12h or 7d, not "${args.since}"`);
    sinceMs = Number(since[1]) * UNITS[since[2]];
  } catch (e) {
    io.err.write(`traffic: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const root = path.resolve(args.root ?? projectRoot());
  const stack = args.stack ?? "local";
  let flows: StackFlow[];
  let settings;
  try {
    settings = readStackSettings(root, stack);
    flows = readPortfolio(root, stack, settings).flows.map((f) => {
      const doc = readYaml(f.substitutedYaml, { exactIntegers: false });
      return { id: f.id, file: f.file, publishedName: f.publishedName, doc: doc.ok ? doc.value : undefined, actionNodes: f.actionNodes, ...(f.kind.isModule ? { moduleName: f.model.name } : {}) };
    });
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    io.err.write(`traffic: ${e.message}\n`);
    return 1;
  }
  if (args.flow !== undefined) {
    const chosen = flows.filter((f) => f.id === args.flow || f.publishedName === args.flow);
    if (chosen.length === 0) {
      io.err.write(`traffic: --flow ${args.flow} is no flow of stack ${stack} (its id, like ${flows[0]?.id ?? "calls/sales"}, or its published name)\n`);
      return 2;
    }
    flows = chosen;
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
  const { downloadExecutions, findExecutions, readConfigurations } = await import("../org/executionData");
  try {
    const { api } = await connectToOrg({ stack, settings, env, secret: pulumiSecret(stack, root) });
    const to = Date.now();
    const from = to - sinceMs;
    const pull: PullLimits = { queries: 0, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} };
    const names = new Set(flows.map((f) => f.publishedName));
    const { listFlowsNamed } = await import("../org/flows");
    const flowId = args.flow !== undefined ? (await listFlowsNamed(api, flows[0].publishedName)).find((f) => f.name === flows[0].publishedName)?.flowId : undefined;
    const found = args.flow !== undefined && flowId === undefined ? [] : await findExecutions(api, from, to, flowId, pull);
    for (const f of found) if (!names.has(f.flowName)) pull.flowsNotInStack[f.flowName] = (pull.flowsNotInStack[f.flowName] ?? 0) + 1;
    const executions = await downloadExecutions(api, [...new Set(found.filter((f) => names.has(f.flowName)).map((f) => f.id))], pull);
    const versions = [...new Map(executions.map((e) => [`${e.flow.flowId}@${e.flow.flowVersion}`, { flowId: e.flow.flowId, version: e.flow.flowVersion }])).values()];
    const configs = await readConfigurations(api, versions);
    // A module runs inside its callers' executions: its published version's actions map their steps.
    const modules = (await Promise.all(flows.filter((f) => f.moduleName !== undefined).map(async (f) => ({ f, org: (await listFlowsNamed(api, f.publishedName)).find((o) => o.name === f.publishedName && !o.deleted) })))).flatMap(({ f, org }) => (org?.publishedVersion ? [{ name: f.publishedName, flowId: org.flowId, version: org.publishedVersion.id }] : []));
    const moduleConfigs = new Map([...(await readConfigurations(api, modules))].map(([key, c]) => [modules.find((m) => `${m.flowId}@${m.version}` === key)!.name, c]));
    const journeys = keepJourneys({ stack, window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() }, flows, configs, moduleConfigs, executions, pull, keepValues: args["keep-values"] === true });
    const out = path.resolve(root, args.out ?? path.join(".work", "traffic", `${stack}.json`));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, sortedJson(journeys));
    if (journeys.keepValues) io.err.write(`traffic: warning: --keep-values kept the variables' values (callers' numbers, what they typed) in ${out}: personal data; do not commit or share it\n`);
    io.out.write(summary(out, journeys));
    return 0;
  } catch (e) {
    if (e instanceof ConnectError || e instanceof OrgApiError) {
      io.err.write(`traffic: could not read the execution data of stack "${stack}": ${e.message}${e instanceof ConnectError && e.fix ? `\n  Fix: ${e.fix}` : ""}\n`);
      return 3;
    }
    throw e;
  } finally {
    await stopEmulator?.();
  }
}
