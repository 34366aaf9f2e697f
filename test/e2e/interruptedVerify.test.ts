// verify after an interrupted run (issue 50): `pulumi up` of a module change killed with SIGKILL
// while a caller's publish is in flight. The publish completes in the org, Pulumi never records
// it: the org runs a version published after the state's record, by the stack's own OAuth client.
// verify must not call that a person's change ("drift", "roll it back by hand"): it says a run of
// the stack stopped before recording it, with the deploy command, and after `pulumi cancel` (the
// documented recovery of the killed run's lock) that command converges and verify is clean.
// Real engine, real provider, emulator.
import * as fs from "node:fs";
import * as YAML from "yaml";
import { documented, excerpt } from "../../testkit/docOutputs";
import {
  createProject,
  descendants,
  expectOk,
  policyArgs,
  runCli,
  startPulumi,
  waitFor,
  type E2eProject,
  type ToolRun,
} from "../../testkit/harness";

jest.setTimeout(15 * 60_000);

/** Jobs stay Started this long after their upload, so the kill lands while one is in flight. */
const JOB_DELAY_MS = 8_000;

let p: E2eProject;
const LOG = process.env.INTERRUPT_TRANSCRIPT;
const tool = async (args: string[]): Promise<ToolRun> => {
  const r = await runCli(p, args);
  if (LOG) fs.appendFileSync(LOG, `\n$ genesys-flows ${args.join(" ")}  (exit ${r.code})\n${r.stdout}${r.stderr}`);
  return r;
};

beforeAll(async () => {
  p = await createProject();
});

afterAll(async () => {
  await p?.cleanup();
});

it("SIGKILL mid-up: verify names the stack's own unrecorded publish (no drift), and the command it prints converges", async () => {
  expectOk(await p.up(["--skip-preview"]));
  const file = "flows/modules/lookup.yaml";
  const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
  doc.set("description", "Looks a customer up (v2).");
  p.write(file, doc.toString());

  p.emulator.setFaults({ jobCompletionDelayMs: JOB_DELAY_MS });
  const mark = p.mark();
  const run = startPulumi(p, ["up", "--yes", "--stack", p.stack, ...policyArgs(p.stack)]);
  // Lookup's publish recorded, and a caller's upload after it: that one is in flight.
  await waitFor(() => p.count("job.upload", mark) >= 2, "Lookup's upload and one after it", 8 * 60_000);
  // The kill lands a second later, with the callers' publishes still in flight (their jobs stay
  // Started JOB_DELAY_MS): not inside the checkpoint writes that follow Lookup's step (one as each
  // caller's update begins). The file backend writes a checkpoint's `.attrs` file in place (gocloud
  // fileblob setAttrs: create, then encode), and a SIGKILL inside that write leaves it empty, so
  // every later read of the state fails with "failed to load checkpoint: EOF" (docs/reliability.md
  // says how to recover); that is the backend's window, not what this test is about.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(p.emulator.jobs.list().some((j) => j.status === "Started")).toBe(true);
  const tree = descendants(run.pid);
  run.killGroup();
  expect((await run.done).code).not.toBe(0);
  await waitFor(
    () =>
      tree.every(
        (pid) => !fs.existsSync(`/proc/${pid}`) || /^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8")),
      ),
    "the killed run's processes to exit",
    10_000,
  );
  p.emulator.setFaults({});
  await waitFor(
    () => p.emulator.jobs.list().every((j) => j.status !== "Started"),
    "in-flight jobs to finish",
    JOB_DELAY_MS + 30_000,
  );

  const v = await tool(["verify", "--stack", "local"]);
  const out = v.stdout + v.stderr;
  expect(out).not.toMatch(/\[drift\]/);
  expect(out).not.toContain("changed outside the stack");
  expect(out).toMatch(
    /warning +\[unrecorded\] local-\S+ \(flows\/\S+\.yaml\): the org runs version \S+, published \S+ by \S.* \(this stack's own OAuth client\) after Pulumi's record of the deploy/,
  );
  expect(out).toContain(
    "npm start (it records what the stack deploys; nothing of a person's is overwritten), then verify again",
  );
  // Which callers were in flight when the kill landed varies from run to run: the page names it <Flow>.
  const unrecorded = excerpt(out, "[unrecorded]");
  const [, flowName, flowFile] = /\[unrecorded\] (\S+) \((\S+)\)/.exec(unrecorded)!;
  documented(
    "people/verify-unrecorded",
    unrecorded.replaceAll(flowName!, "local-<Flow>").replaceAll(flowFile!, "flows/<flow>.yaml").replace(/^/gm, "  "),
  );

  // The killed run still holds the file backend's lock (docs/reliability.md): cancel, then the printed command.
  expectOk(await p.pulumi(["cancel", "--yes", "--stack", p.stack]));
  const up = await tool(["up", "--stack", "local"]);
  expect({ code: up.code, tail: up.code === 0 ? "" : (up.stdout + up.stderr).slice(-4000) }).toEqual({
    code: 0,
    tail: "",
  });
  const after = await tool(["verify", "--stack", "local"]);
  expect({ code: after.code, out: after.stdout }).toEqual({
    code: 0,
    out: expect.not.stringMatching(/\[(unrecorded|drift|stale-caller)\]/),
  });
});
