// The assumptions register (project/assumptions.yaml) held to the code: every answer the emulator plays
// is an entry's and is played somewhere, every test an answer names exists, the register's
// operations are the emulator's, and every operation the guards, the provider's publish and the
// probe send to the org is named by an entry: a route a guard or a deploy comes to depend on fails
// this until the register says what it relies on.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { assumptions, playable, RegisterSchema } from "../../project/assumptions";
import { parseBehave } from "../../emulator/behave";
import { OPERATION_KINDS } from "../../emulator/requestLog";
import { parseEmulatorArgs } from "../../emulator/cliArgs";
import { startEmulator } from "../../emulator/server";
import { flowClaimGuard } from "../../run/guards/flowClaim";
import { ownershipGuard } from "../../run/guards/ownership";
import { OrgProbe } from "../../org/probe";
import { guardRun } from "../../testkit/programRun";
import { publish } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";
import { OrgApi } from "../../org/client";

const ROOT = join(__dirname, "../..");
const register = assumptions();

test("every test an answer names exists in the file it names", () => {
  const missing = register.flatMap((a) =>
    Object.entries(a.answers ?? {}).flatMap(([answer, { tests }]) =>
      tests.filter((t) => !readFileSync(join(ROOT, t.slice(0, t.indexOf(": "))), "utf8").includes(t.slice(t.indexOf(": ") + 2))).map((t) => `${a.id}=${answer}: ${t}`),
    ),
  );
  expect(missing).toEqual([]);
});

test("every answer the emulator plays is a register entry's, and every answer other than its model is played", () => {
  const sources = readdirSync(join(ROOT, "emulator")).filter((f) => f.endsWith(".ts")).map((f) => readFileSync(join(ROOT, "emulator", f), "utf8")).join("\n");
  const played = [...sources.matchAll(/plays\([^,]+, "(\w+)", "(\w+)"\)/g)].map((m) => `${m[1]}=${m[2]}`);
  const known = [...playable()].flatMap(([id, answers]) => answers.map((a) => `${id}=${a}`));
  expect(played.filter((p) => !known.includes(p))).toEqual([]);
  const otherwise = [...playable()].flatMap(([id, answers]) => answers.slice(1).map((a) => `${id}=${a}`));
  expect(otherwise.filter((o) => !played.includes(o))).toEqual([]);
});

test("the register's operations are the emulator's request log kinds", () => {
  const kinds: readonly string[] = OPERATION_KINDS;
  expect(kinds.length).toBeGreaterThan(40);
  expect(register.flatMap((a) => a.operations.filter((o) => !kinds.includes(o)).map((o) => `${a.id}: ${o}`))).toEqual([]);
});

test("the register refuses an assumed behaviour on a deploy or guard path without two answers, and an evidenced one without a quote", () => {
  const entry = { id: "somethingNew", title: "t", reliedOn: "r", usedBy: ["guard"], status: "assumed", evidence: [], searched: "s", emulator: "e", ifDiffers: "i", operations: ["flow.get"] };
  expect(RegisterSchema.safeParse([entry]).error?.issues.map((i) => i.message)).toEqual([expect.stringContaining("lists every plausible answer")]);
  expect(RegisterSchema.safeParse([{ ...entry, status: "evidenced" }]).error?.issues.map((i) => i.message)).toEqual([expect.stringContaining("evidenced or contradicted means quoted evidence")]);
  expect(RegisterSchema.safeParse([{ ...entry, usedBy: ["verify"] }]).success).toBe(true);
});

test("--behave and the behave option take the register's answers only", () => {
  expect(parseEmulatorArgs(["--behave", "claimPublish=refused", "--behave", "nameCase=sensitive"])).toMatchObject({ options: { behave: { claimPublish: "refused", nameCase: "sensitive" } } });
  expect(() => parseEmulatorArgs(["--behave", "claimPublish"])).toThrow('--behave takes <behaviour>=<answer>, got "claimPublish"');
  expect(() => parseBehave({ claimPublish: "sometimes" })).toThrow("behave: claimPublish answers configures or refused, not sometimes");
});

test("every operation the guards, the provider's publish and the probe send to the org is named by a register entry", async () => {
  const emu = await startEmulator({ behave: { claimDelete: "needsUnlock" } });
  try {
    const { run } = guardRun(emu, { flows: { "calls/sales": { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } } }, settings: { namePrefix: "link-" } });
    expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
    const hooks = flowClaimGuard.hooks!(run, { warn: jest.fn(), info: jest.fn() });
    const create = { action: "create" as const, resource: "flow" as const, name: "calls/sales", urn: "urn:x", dryRun: false };
    await hooks.before!(create);
    const flowId = (await publish(emu, inboundCallYaml("link-Sales"))).flow!.id;
    await hooks.afterCreate!({ ...create, objectId: flowId });
    await new OrgProbe(new OrgApi(emu.url, emu.accessToken), { write: true }).run();
    const sent = new Set(emu.requestLog.list().map((e) => e.operation));
    const named = new Set(register.flatMap((a) => a.operations));
    expect([...sent].filter((op) => !named.has(op)).sort()).toEqual([]);
    // It saw the guards' and the publish's routes.
    for (const op of ["flow.create", "flow.unlock", "flow.delete", "job.upload", "org.get", "token.get"]) expect(sent.has(op as never)).toBe(true);
  } finally {
    await emu.stop();
  }
});
