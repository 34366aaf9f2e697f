// `genesys-flows org probe --stack <s> [--write] [--division <id>]`: asks the stack's org the
// questions of the assumptions register (org/probe.ts), records the answers in orgs/<org id>.probe.yaml
// (project/probeRecord.ts) for the team to commit, and prints what differs from the emulator's model.
// Parses, signs in as the stack's provider would, prints; Ctrl-C lists the flows not yet deleted.
import * as path from "node:path";
import { assumptions } from "../project/assumptions";
import { OrgProbe, probeLeftovers, PROBE_PREFIX } from "../org/probe";
import { connectToOrg } from "../org/signIn";
import { readOrganization } from "../org/flows";
import { commandArgs, UsageError } from "../project/cliArgs";
import { writeProbeRecord } from "../project/probeRecord";
import { projectDir } from "../project/root";
import type { StackSettings } from "../planner/stackSettings";
import { readStackSettings } from "../project/stackFile";

export const HELP = `Usage: genesys-flows org probe --stack <s> [--write] [--division <id>] [--root <dir>]

Asks the stack's org (signed in with the stack's own credentials, as its provider is) how it answers
where the tool relies on a behaviour of Genesys (docs/assumptions.md), and records the answers in
orgs/<org id>.probe.yaml: commit it; every run on that org reads it (the claim on a new flow name is
the new flow itself only where the org's publish jobs configure a flow created by name).

Read-only by default: who the org and the token are, a list by name, dependency tracking's status.
  --write            also create flows by name (named ${PROBE_PREFIX}-..., in Home or --division),
                     publish one, unlock and delete them: each is deleted before the probe ends; one
                     left by an interrupted probe is listed, and deleted by the next --write (only a
                     flow whose name and description a probe wrote in this org; others are named). Needs
                     architect:flow:add, :delete, :unlock, :view and architect:job:create, :view
  --division <id>    the division the probe's flows are created in
  --stack <s>        the stack whose org and credentials to use (default local)
  --root <dir>       the project (default: the nearest folder holding Pulumi.yaml)
  -h, --help         show this help
A probe the client's role has no permission for is not run and says which permission it lacked.
Exit codes: 0 probed and recorded, 2 usage errors, 3 the org could not be reached.
`;

const ORG_OPTIONS = {
  stack: { type: "string", short: "s" },
  write: { type: "boolean" },
  division: { type: "string" },
  root: { type: "string" },
} as const;

export async function main(
  argv: string[],
  io = { out: process.stdout, err: process.stderr },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let settings!: StackSettings;
  const parsed = commandArgs(
    argv,
    ORG_OPTIONS,
    { command: "org", help: HELP, io, positionals: true },
    (args, words) => {
      if (words[0] !== "probe" || words.length !== 1)
        throw new UsageError(`org takes one command, probe${words.length > 0 ? `, not "${words.join(" ")}"` : ""}`);
      settings = readStackSettings(path.resolve(args.root ?? projectDir()), args.stack ?? "local");
    },
  );
  if (typeof parsed === "number") return parsed;
  const args = parsed.values;
  const root = path.resolve(args.root ?? projectDir());
  const stack = args.stack ?? "local";
  let probe: OrgProbe | undefined;
  const interrupted = () => {
    const left = [...(probe?.created ?? [])].map(([id, name]) => `  ${name} (flow ${id})`);
    io.err.write(
      `\norg probe: interrupted${left.length > 0 ? `; left in the org (delete them in Architect, or run org probe --write again):\n${left.join("\n")}` : ""}\n`,
    );
    process.exit(130);
  };
  process.once("SIGINT", interrupted);
  const local =
    stack === "local" && settings.provider.gateway?.host === "127.0.0.1"
      ? await (await import("../emulator/localStack")).ensureEmulator(settings)
      : undefined;
  try {
    const { api, target } = await connectToOrg({ stack, settings, env }).catch((e: Error & { fix?: string }) =>
      Promise.reject(new UsageError(`${e.message}${e.fix ? `\n  Fix: ${e.fix}` : ""}`)),
    );
    probe = new OrgProbe(api, {
      write: args.write === true,
      ...(args.division !== undefined ? { division: args.division } : {}),
    });
    const left = args.write ? await probeLeftovers(api, (await readOrganization(api)).id) : { ours: [], others: [] };
    for (const f of left.ours) {
      await probe.remove(f.id);
      io.err.write(`deleted ${f.name} (flow ${f.id}), left by an earlier probe\n`);
    }
    for (const f of left.others) io.err.write(`kept ${f.name} (flow ${f.id}): no probe made it in this org\n`);
    const record = await probe.run();
    const file = writeProbeRecord(root, record);
    io.out.write(report(record, target, path.relative(root, file)));
    for (const [id, name] of probe.created)
      io.err.write(
        `org probe: could not delete ${name} (flow ${id}): delete it in Architect (or run org probe --write again)\n`,
      );
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError || (e as { name?: string }).name === "OrgApiError")) throw e;
    io.err.write(`org probe: could not probe stack "${stack}"'s org: ${(e as Error).message}\n`);
    return 3;
  } finally {
    process.removeListener("SIGINT", interrupted);
    await local?.started?.stop();
  }
}

/** What the org answered, what differs from the emulator's model (a short report to send back), and where it is recorded. */
function report(record: Awaited<ReturnType<OrgProbe["run"]>>, target: string, file: string): string {
  const model = new Map(assumptions().map((a) => [a.id, a.emulator]));
  const lines = [
    `Probed ${record.org.name} (${record.org.id}) through ${target}${record.write ? "" : " (read-only: --write settles the claim's entries)"}:`,
  ];
  for (const [id, r] of Object.entries(record.results))
    lines.push(`  ${r.asModelled ? "as modelled" : "DIFFERS    "} ${id}: ${r.observed}`);
  for (const [id, why] of Object.entries(record.notRun)) lines.push(`  not run     ${id}: ${why}`);
  const differs = Object.entries(record.results).filter(([, r]) => !r.asModelled);
  if (differs.length > 0) {
    lines.push("", `Differs from the emulator's model (send this to the genesys-flows developers):`);
    for (const [id, r] of differs)
      lines.push(`  ${id}: the org answered "${r.observed}"; the emulator models: ${model.get(id) ?? "?"}`);
  }
  const claim = record.results.claimPublish?.answer;
  if (claim !== undefined)
    lines.push(
      "",
      `The claim on a new flow name is ${claim === "configures" ? "the new flow itself" : "a flow of another name beside it"} on this org (claimPublish=${claim}).`,
    );
  return `${lines.join("\n")}\nRecorded in ${file}: commit it (runs on this org read it).\n`;
}
