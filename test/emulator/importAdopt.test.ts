// flows:import --stack --prefix against the emulator: lists the org's flows by name as the
// provider's data source does, exports each one's published version through export jobs (the
// provider's exporter), writes their flow files (named without the stack's prefix) and records
// flows.<id>.adopt in the stack file, which the planner hands to the components (Pulumi's import).
// Safe: nothing is overwritten without --force, a name that collides with another flow's is
// refused naming both files, and a flow whose name lacks the stack's namePrefix keeps its name.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { readPortfolio } from "../../project/portfolio";
import { publish } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";
import { portfolioAgainst, runImport } from "./importHelpers";
import { architectCall } from "../../testkit/architectFlow";

let emu: RunningEmulator;
let root: string;

beforeEach(async () => {
  emu = await startEmulator({});
  root = portfolioAgainst(emu, "flows-adopt-");
});
afterEach(async () => {
  await emu.stop();
  rmSync(root, { recursive: true, force: true });
});

const run = (...argv: string[]) => runImport(root, ...argv);

describe("flows:import --stack", () => {
  it("adopts the org's flows named with the prefix: files without the stack's prefix, and the stack's record", async () => {
    const support = (await publish(emu, architectCall("test-Legacy Support", "Support test"))).flow!.id;
    const billing = (await publish(emu, architectCall("test-Legacy Billing", "Billing test"))).flow!.id;
    await publish(emu, architectCall("test-Other"));
    const mark = emu.requestLog.list().at(-1)!.seq;
    const r = await run("--stack", "test", "--prefix", "test-Legacy");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const support_ = readFileSync(join(root, "flows/stacks/test/legacy-support.yaml"), "utf8");
    expect(support_.split("\n")[1]).toBe(
      `# Imported by genesys-flows from org flow ${support} "test-Legacy Support" (INBOUNDCALL, version 1.0) of stack test.`,
    );
    expect(YAML.parse(support_).name).toBe("Legacy Support");
    expect(r.out).toContain(
      `recorded Pulumi.test.yaml: genesys-flows:flows.stacks/test/legacy-support.adopt: ${support}`,
    );

    // The stack file keeps its comments and settings, and records both adoptions.
    const stackText = readFileSync(join(root, "Pulumi.test.yaml"), "utf8");
    expect(stackText).toContain("# The fixture stack of the unit tests.");
    expect(stackText).toContain("# where the test's org is");
    const config = YAML.parse(stackText).config;
    expect(config["genesys-flows:flows"]).toEqual({
      "calls/sales": { substitutions: { sales_queue: "Sales VIP" } },
      "stacks/test/legacy-billing": { adopt: billing, adoptedRevision: expect.stringMatching(/^[0-9a-f]{64}$/) },
      "stacks/test/legacy-support": { adopt: support, adoptedRevision: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    // The org's queue names are the stack's substitutions (the key it has for a name, else a new
    // one): the files name no org's queue.
    expect(config["genesys-flows:substitutions"]).toMatchObject({
      support_queue: "Support test",
      queue_billing_test: "Billing test",
    });
    expect(support_).toContain("{{support_queue}}");
    expect(support_).not.toContain("Support test");
    expect(readFileSync(join(root, "flows/stacks/test/legacy-billing.yaml"), "utf8")).toContain(
      "{{queue_billing_test}}",
    );
    expect(r.out).toContain(
      "recorded Pulumi.test.yaml: genesys-flows:substitutions.queue_billing_test: Billing test (the org's name, as {{queue_billing_test}} in the adopted files: each stack deploying them gives its own)",
    );
    expect(r.out).not.toContain("substitutions.support_queue");
    // The planner hands the ids to the components; the published names are the org's.
    const portfolio = readPortfolio(root, "test");
    const adopted = portfolio.flows.filter((f) => f.adopt !== undefined).map((f) => [f.id, f.publishedName, f.adopt]);
    expect(adopted).toEqual([
      ["stacks/test/legacy-billing", "test-Legacy Billing", billing],
      ["stacks/test/legacy-support", "test-Legacy Support", support],
    ]);
    // The recorded revision is the one up computes: the first up reads them, publishing nothing.
    for (const f of portfolio.flows.filter((f) => f.adopt !== undefined)) expect(f.adoptedRevision).toBe(f.revision);
    // The provider's routes: the list by name, then an export job per flow.
    const ops = emu.requestLog.list().filter((e) => e.seq > mark);
    expect(ops.filter((e) => e.operation === "flow.list").map((e) => new URLSearchParams(e.query).get("name"))).toEqual(
      ["test-Legacy"],
    );
    expect(ops.filter((e) => e.operation === "export.create").length).toBe(2);
    expect(ops.filter((e) => e.operation === "export.download").length).toBe(2);
    expect(ops.some((e) => e.operation === "job.create" || e.operation === "flow.delete")).toBe(false);

    // Again: the files exist.
    const again = await run("--stack", "test", "--prefix", "test-Legacy");
    expect(again.code).toBe(1);
    expect(again.err).toContain("flows/stacks/test/legacy-support.yaml: exists;");
  });

  it("leaves in the org, with a warning, a flow Genesys runs but the model cannot express, and adopts the others", async () => {
    // A module callable from voicemail flows too: valid Archy, but the model has no voicemail kind.
    const tools = (await publish(emu, commonModuleYaml("test-Legacy Tools", ["inboundcall", "voicemail"]))).flow!.id;
    const support = (await publish(emu, architectCall("test-Legacy Support"))).flow!.id;
    // A caller of it is adopted and goes on calling it by its published name, a module outside the stack.
    const caller = (await publish(emu, inboundCallYaml("test-Legacy Caller", "", "test-Legacy Tools"))).flow!.id;
    const r = await run("--stack", "test", "--prefix", "test-Legacy");
    expect(r.code).toBe(0);
    expect(r.err).toContain(`flows:import: skipped org flow ${tools} "test-Legacy Tools"`);
    expect(r.err).toContain(
      `compatible flow type "voicemail" is not a kind of the flow model: not adopted, left as it is in the org`,
    );
    expect(existsSync(join(root, "flows/stacks/test/legacy-tools.yaml"))).toBe(false);
    expect(YAML.parse(readFileSync(join(root, "Pulumi.test.yaml"), "utf8")).config["genesys-flows:flows"]).toEqual({
      "calls/sales": { substitutions: { sales_queue: "Sales VIP" } },
      "stacks/test/legacy-caller": { adopt: caller, adoptedRevision: expect.stringMatching(/^[0-9a-f]{64}$/) },
      "stacks/test/legacy-support": { adopt: support, adoptedRevision: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(r.out).toContain("imports these 2 objects into the stack");
    const callerFile = YAML.parse(readFileSync(join(root, "flows/stacks/test/legacy-caller.yaml"), "utf8"));
    expect(
      Object.values(callerFile.nodes as Record<string, { type: string; module?: string }>)
        .filter((n) => n.type === "callModule")
        .map((n) => n.module),
    ).toEqual(["test-Legacy Tools"]);
    const planned = readPortfolio(root, "test").flows.find((f) => f.id === "stacks/test/legacy-caller")!;
    expect(planned.adopt).toBe(caller);
  });

  it("refuses a flow whose name another flow of the stack has, naming both files", async () => {
    await publish(emu, architectCall("test-SALES"));
    const r = await run("--stack", "test", "--prefix", "test-Sales");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /flows\/stacks\/test\/sales\.yaml \(imported from org flow [0-9a-f-]+ "test-SALES" .*\): published name "test-SALES" is also the published name of flows\/calls\/sales\.yaml \("test-Sales"\)/,
    );
    expect(YAML.parse(readFileSync(join(root, "Pulumi.test.yaml"), "utf8")).config["genesys-flows:flows"]).toEqual({
      "calls/sales": { substitutions: { sales_queue: "Sales VIP" } },
    });
  });

  it("keeps the name of a flow the stack's namePrefix does not start (genesys-flows:flows.<id>.name), and says when nothing matches", async () => {
    const outside = (await publish(emu, architectCall("Legacy Outside"))).flow!.id;
    const r = await run("--stack", "test", "--prefix", "Legacy");
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
    expect(r.out).toContain(
      `and name: "Legacy Outside" (kept as the org has it: the namePrefix "test-" does not start it)`,
    );
    expect(
      YAML.parse(readFileSync(join(root, "Pulumi.test.yaml"), "utf8")).config["genesys-flows:flows"][
        "stacks/test/legacy-outside"
      ],
    ).toEqual({ adopt: outside, adoptedRevision: expect.stringMatching(/^[0-9a-f]{64}$/), name: "Legacy Outside" });
    const planned = readPortfolio(root, "test").flows.find((f) => f.id === "stacks/test/legacy-outside")!;
    expect(planned.publishedName).toBe("Legacy Outside");
    const none = await run("--stack", "test", "--prefix", "Nothing");
    expect(none.code).toBe(1);
    expect(none.err).toContain(
      `no flow, schedule, schedule group, IVR config or emergency group of the org has a name starting with "Nothing"`,
    );
    expect((await run("--stack", "test")).code).toBe(2);
  });
});
