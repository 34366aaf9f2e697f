import * as YAML from "yaml";
import { documented, excerpt } from "../../testkit/docOutputs";
import {
  createProject,
  publishedFlows,
  runCli,
  type E2eProject,
  type PulumiResult,
  type ToolRun,
} from "../../testkit/harness";
import { PUBLISHED as N } from "../../testkit/fixtures";
import { publish, signIn } from "../../testkit/emulator";

jest.setTimeout(12 * 60_000);

const SCRIPT = { id: "ops-script", secret: "script-secret", name: "Ops Script" };
const FILE = "flows/calls/sales.yaml";

let p: E2eProject;
const out = (r: ToolRun | PulumiResult) => r.stdout + r.stderr;
function ok<T extends ToolRun | PulumiResult>(r: T): T {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
}
const tool = (args: string[]): Promise<ToolRun> => runCli(p, args);
const describeSales = (description: string) => {
  const doc = YAML.parseDocument(p.read(FILE), { version: "1.2" });
  doc.set("description", description);
  p.write(FILE, doc.toString());
};
/** The sentence naming the script's version, from verify's finding or the people guard's line. */
const SCRIPT_VERSION =
  /version 3\.0 was published \S+ by Ops Script, another OAuth client than this stack's, while this stack deployed the flow \(Pulumi recorded it at \S+\)/;

beforeAll(async () => {
  p = await createProject({ emulator: { people: { clients: [SCRIPT] } } });
  ok(await p.up(["--skip-preview"]));
});
afterAll(async () => {
  await p?.cleanup();
});

let named = "";

it("1. a script publishes Sales during the provider's job poll: verify names its version and client (drift, exit 1)", async () => {
  // The stack's publish job finishes a second after it starts; the provider reads it 15 s later.
  p.emulator.setFaults({ jobCompletionDelayMs: 1000 });
  describeSales("Sales line (v2).");
  const mark = p.mark();
  const up = p.up(["--skip-preview"]);
  const deadline = Date.now() + 5 * 60_000;
  while (p.count("job.upload", mark) === 0 || (publishedFlows(p.emulator).get(N.sales)?.version ?? 0) < 2) {
    if (Date.now() > deadline) throw new Error("the stack's publish of Sales never landed");
    await new Promise((r) => setTimeout(r, 200));
  }
  const token = await signIn(p.emulator, { clientId: SCRIPT.id, clientSecret: SCRIPT.secret });
  const theirs = publishedFlows(p.emulator)
    .get(N.sales)!
    .text.replace("Sales line (v2).", "Sales line (the script's).");
  expect((await publish(p.emulator, theirs, token)).status).toBe("Success");
  ok(await up);
  p.emulator.setFaults({});
  expect(publishedFlows(p.emulator).get(N.sales)?.version).toBe(3);

  const verify = await tool(["verify", "--stack", "local"]);
  expect(verify.code).toBe(1);
  expect(verify.stdout).toMatch(new RegExp(`error +\\[drift\\] ${N.sales} \\(${FILE}\\): ${SCRIPT_VERSION.source}`));
  named = SCRIPT_VERSION.exec(verify.stdout)![0];
  documented("people/verify-script-drift", excerpt(verify.stdout, "[drift]").replace(/^/gm, "  "));
});

it("2. the next up of a change of Sales names the same version, client and time, warns (not protected) and publishes over it; verify then reports it [overwritten]", async () => {
  describeSales("Sales line (v3).");
  const up = ok(await tool(["up", "--stack", "local"]));
  expect(out(up)).toMatch(
    new RegExp(`warning +${N.sales} \\(calls/sales\\): published outside the stack: ${SCRIPT_VERSION.source}`),
  );
  expect(SCRIPT_VERSION.exec(out(up))?.[0]).toBe(named);
  expect(publishedFlows(p.emulator).get(N.sales)?.version).toBe(4);
  const verify = await tool(["verify", "--stack", "local"]);
  expect(verify.code).toBe(0);
  expect(verify.stdout).toMatch(
    new RegExp(
      `warning +\\[overwritten\\] ${N.sales} \\(${FILE}\\): overwritten by this stack on \\S+ \\(its version 4\\.0\\), their version preserved as 3\\.0 \\(by Ops Script\\)`,
    ),
  );
});
