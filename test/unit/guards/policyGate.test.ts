// The policy guard (run/guards/policyGate.ts): an up is refused before anything publishes when it
// breaks a rule the stack's policy config makes mandatory (the pack, a stack policy, would only
// fail it after the publishes of an up without a preview), with the pack's own words; an advisory
// rule, or a stack without a policy config of its own, refuses nothing; a preview is the pack's.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { policyGateGuard } from "../../../run/guards/policyGate";
import { guardRun } from "../../../testkit/programRun";
import { copyFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
});
afterAll(async () => {
  await emu.stop();
});

const CALL = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };
const protectedConfig = { "prod-force-unlock": { enforcementLevel: "mandatory", environments: ["test"] } };

it("forceUnlock on a stack whose policy config makes prod-force-unlock mandatory: refused, naming the rule and the fix", async () => {
  const { run, events } = guardRun(emu, {
    flows: { "calls/sales": CALL },
    settings: { forceUnlock: true },
    policy: protectedConfig,
  });
  const d = await policyGateGuard.decide(run);
  expect(d.refusal).toContain(
    `the policy config of stack "test" (test.json under policies/config) makes a rule mandatory that this run breaks; nothing was published:`,
  );
  expect(d.refusal).toContain("[prod-force-unlock]");
  expect(d.refusal).toContain("set genesys-flows:forceUnlock to false");
  expect(events).not.toContain("sign-in");
});

it("the same rule advisory, or forceUnlock off: nothing refused", async () => {
  const advisory = guardRun(emu, {
    flows: { "calls/sales": CALL },
    settings: { forceUnlock: true },
    policy: { "prod-force-unlock": { enforcementLevel: "advisory", environments: ["test"] } },
  });
  expect((await policyGateGuard.decide(advisory.run)).refusal).toBeUndefined();
  const off = guardRun(emu, {
    flows: { "calls/sales": CALL },
    settings: { forceUnlock: false },
    policy: protectedConfig,
  });
  expect((await policyGateGuard.decide(off.run)).refusal).toBeUndefined();
});

it("decides for an up only: a preview is the pack's", () => {
  expect(policyGateGuard.onPreview).toBe(false);
});

it("the team's own mandatory rule (its rules file, compiled as the pack runs it) refuses an up; an advisory one does not", async () => {
  const { run, events } = guardRun(emu, { flows: { "calls/sales": CALL } });
  const tool = join(__dirname, "../../..");
  symlinkSync(join(tool, "node_modules"), join(run.root, "node_modules"), "dir");
  copyFileSync(join(tool, "templates/portfolio/tsconfig.json"), join(run.root, "tsconfig.json"));
  const rules = (level: string) =>
    `export const rules = [{ id: "team-no-sales", description: "No flow is named Sales.", enforcementLevel: "${level}",\n` +
    `  check: (flow: { name: string; model: { name: string } }) => flow.model.name === "Sales" ? [{ message: \`flow "\${flow.name}" is named Sales\`, field: "name" }] : [] }];\n`;
  writeFileSync(join(run.root, "policies/rules.ts"), rules("mandatory"));
  const d = await policyGateGuard.decide(run);
  expect(d.refusal).toBe(
    `the team's own mandatory rules (policies/rules.ts) refuse this run; nothing was published:\n` +
      `  [team-no-sales] stack "test": flows/calls/sales.yaml: flow "Sales": field "name": flow "Sales" is named Sales.`,
  );
  expect(events).not.toContain("sign-in");
  writeFileSync(join(run.root, "policies/rules.ts"), rules("advisory"));
  expect((await policyGateGuard.decide(run)).refusal).toBeUndefined();
});
