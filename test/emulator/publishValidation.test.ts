// Publish validation through the emulator's HTTP API (the provider's sequence): every rule names
// the flow, the rule, the YAML path and the line. The rules themselves are unit-tested in
// test/unit/archy; these cases check they reach the job messages with their locations.
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { publish } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

describe("publish validation rules", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({});
    for (const text of [commonModuleYaml("Lookup Module"), commonModuleYaml("Email Only Module", ["inboundemail"])]) {
      const job = await publish(emu, text);
      expect(job.status).toBe("Success");
    }
  });
  afterAll(async () => {
    await emu.stop();
  });

  async function expectFailure(text: string, rule: string, fragments: string[]): Promise<void> {
    const job = await publish(emu, text);
    expect(job.status).toBe("Failure");
    const errors = job.messages.filter((m) => m.type === "Error").map((m) => m.text);
    const hit = errors.find((t) => t.includes(`rule ${rule}:`));
    if (!hit) throw new Error(`no "${rule}" message among: ${errors.join(" | ")}`);
    expect(hit).toMatch(/^Flow ".*": rule [a-z-]+: .* \(at .+\)$/s);
    for (const f of fragments) expect(hit).toContain(f);
  }

  const good = inboundCallYaml("dev-Valid", "", "Lookup Module");

  it("accepts the valid base flow and its module call", async () => {
    const job = await publish(emu, good);
    expect(job.messages.filter((m) => m.type === "Error")).toEqual([]);
    expect(job.status).toBe("Success");
  });

  it("yaml-parse", async () => {
    await expectFailure(`inboundCall:\n  name: dev-Broken\n  tasks: [unclosed\n`, "yaml-parse", [
      "does not parse",
      "(at line",
    ]);
  });

  it("yaml-limits: alias bomb and deep nesting fail quickly", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    const started = Date.now();
    await expectFailure(`${bomb.join("\n")}\n`, "yaml-limits", ["alias"]);
    await expectFailure(`inboundCall: ${"[".repeat(500)}${"]".repeat(500)}\n`, "yaml-limits", ["nesting"]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("unknown-flow-type: a type Genesys has that the catalogue lacks is a warning, stored under Genesys's type; an error in strict mode; a flow of any type needs a name", async () => {
    const email = good.replace(/^inboundCall:/, "emailSend:").replace(/^ {2}name: dev-Valid$/m, "  name: dev-Mailer");
    const job = await publish(emu, email);
    expect(job.status).toBe("Success");
    expect(
      job.messages.find((m) => m.type === "Warning" && m.text.includes("rule unknown-flow-type:"))?.text,
    ).toContain('"emailSend" is not a flow type the catalogue knows');
    expect(emu.store.findActive("EMAILSEND", "dev-Mailer")?.name).toBe("dev-Mailer");
    await expectFailure("emailSend:\n  description: no name\n", "missing-required-key", [
      '"name"',
      "(at emailSend.name)",
    ]);
    const strictEmu = await startEmulator({ strict: true });
    try {
      const refused = await publish(strictEmu, email);
      expect(refused.status).toBe("Failure");
      expect(
        refused.messages.find((m) => m.type === "Error" && m.text.includes("rule unknown-flow-type:"))?.text,
      ).toContain("(at emailSend, line 1)");
    } finally {
      await strictEmu.stop();
    }
  });

  it("unknown-flow-type: a key naming no flow type Genesys has (a made-up type, an upper-case one) is refused and nothing is stored", async () => {
    for (const key of ["inboundFax", "INBOUNDCALL", "Inboundcall"]) {
      const text = good.replace(/^inboundCall:/, `${key}:`).replace(/^ {2}name: dev-Valid$/m, `  name: dev-${key}`);
      const job = await publish(emu, text);
      expect({ key, status: job.status }).toEqual({ key, status: "Failure" });
      const errors = job.messages.filter((m) => m.type === "Error");
      expect(errors).toHaveLength(1);
      expect(errors[0].text).toContain(
        `rule unknown-flow-type: "${key}" names no flow type Genesys has (bot, commonmodule, `,
      );
      expect(errors[0].text).toContain(`(at ${key})`);
      expect(job.messages.filter((m) => m.text.includes("not a flow type the catalogue knows"))).toEqual([]);
      expect(emu.store.listFlows().some((f) => f.name === `dev-${key}`)).toBe(false);
    }
  });

  it("missing-required-key for inboundCall and commonModule", async () => {
    await expectFailure(good.replace(/^ {2}defaultLanguage: en-us\n/m, ""), "missing-required-key", [
      '"defaultLanguage"',
      "(at inboundCall.defaultLanguage, line 1)",
    ]);
    await expectFailure(good.replace(/^ {2}startUpRef: .*\n/m, ""), "missing-required-key", ['"startUpRef"']);
    await expectFailure(good.replace(/^ {2}name: .*\n/m, ""), "missing-required-key", [
      '"name"',
      "(at inboundCall.name, line 1)",
    ]);
    await expectFailure(
      commonModuleYaml("Broken Module").replace(/^ {2}startUpTaskActions:[\s\S]*$/m, ""),
      "missing-required-key",
      ['Flow "Broken Module"', '"startUpTaskActions"', "(at commonModule.startUpTaskActions, line 1)"],
    );
    await expectFailure(
      commonModuleYaml("Broken Module 2").replace(/^ {2}settingsCommonModule:\n( {4}.*\n| {6}.*\n)*/m, ""),
      "missing-required-key",
      ['required key "settingsCommonModule" is missing', "(at commonModule.settingsCommonModule, line 1)"],
    );
  });

  it("unknown-reference: startUpRef, targetTaskRef, targetMenuRef, relative refs", async () => {
    await expectFailure(good.replace("menu[Main_10]", "menu[Nope]"), "unknown-reference", [
      'Flow "dev-Valid"',
      "startUpRef targets menu[Nope] which does not exist",
      "(at inboundCall.startUpRef, line 4)",
    ]);
    await expectFailure(
      good.replace('startUpRef: "/inboundCall/menus/menu[Main_10]"', "startUpRef: ./tasks/task[Gone]"),
      "unknown-reference",
      ["task[Gone]"],
    );
    await expectFailure(good.replace("task[Sales_11]", "task[Rout]"), "unknown-reference", [
      "menuJumpToTask targetTaskRef targets task[Rout] which does not exist",
      "(at inboundCall.menus[0].menu.choices[0].menuJumpToTask.targetTaskRef, line 22)",
    ]);
    const jump = `
          - jumpToTask:
              name: Go
              targetTaskRef: "/inboundCall/tasks/task[Rout]"`;
    await expectFailure(inboundCallYaml("dev-Jump", jump), "unknown-reference", [
      "jumpToTask targetTaskRef targets task[Rout] which does not exist (at inboundCall.tasks[0].task.actions[0].jumpToTask.targetTaskRef, line 35)",
    ]);
    const menuJump = `
          - jumpToMenu:
              name: Back
              targetMenuRef: "./menus/menu[Missing_1]"`;
    await expectFailure(inboundCallYaml("dev-MenuJump", menuJump), "unknown-reference", [
      "jumpToMenu targetMenuRef targets menu[Missing_1]",
    ]);
  });

  it("duplicate-ref-id", async () => {
    await expectFailure(
      good.replace("refId: Sales_11", "refId: Main_10").replace("task[Sales_11]", "task[Main_10]"),
      "duplicate-ref-id",
      ['refId "Main_10"', "(at inboundCall.tasks[0].task.refId, line 26)"],
    );
  });

  it("unknown-common-module", async () => {
    await expectFailure(inboundCallYaml("dev-NoModule", "", "Missing Module"), "unknown-common-module", [
      'callCommonModule "Lookup" calls common module "Missing Module" which is not published',
      "(at inboundCall.tasks[0].task.actions[0], line 33)",
    ]);
  });

  it("incompatible-flow-type", async () => {
    await expectFailure(inboundCallYaml("dev-Incompatible", "", "Email Only Module"), "incompatible-flow-type", [
      "not compatible with flow type inboundcall",
      "(at inboundCall.tasks[0].task.actions[0], line 33)",
    ]);
  });

  it("undeclared-module-input and undeclared-module-output", async () => {
    await expectFailure(good.replace("Common.ani:", "Common.dnis:"), "undeclared-module-input", [
      'declares no input "Common.dnis"',
      "(at inboundCall.tasks[0].task.actions[0].callCommonModule.commonModule",
    ]);
    await expectFailure(good.replace("Common.tier:", "Common.segment:"), "undeclared-module-output", [
      'declares no output "Common.segment"',
    ]);
  });

  it("module-calls-module", async () => {
    const call = `
    - callCommonModule:
        name: Nested
        commonModule:
          Lookup Module:
            ver_latestPublished:
              inputs: {}
              outputs: {}`;
    await expectFailure(commonModuleYaml("Nesting Module", ["inboundcall"], call), "module-calls-module", [
      'Flow "Nesting Module"',
      "(at commonModule.startUpTaskActions[0], line 24)",
    ]);
  });

  it("leftover-placeholder (quoted and unquoted)", async () => {
    await expectFailure(good.replace("name: dev-Valid", 'name: "{{flow_name}}"'), "leftover-placeholder", [
      "{{flow_name}}",
      "(at line 2, column",
    ]);
    await expectFailure(good.replace("tts: Welcome.", "tts: {{greeting}}"), "leftover-placeholder", [
      'Flow "dev-Valid"',
      "{{greeting}}",
    ]);
  });

  it("unmodelled-reference warns by default and fails in strict mode", async () => {
    const transfer = `
          - transferToAcd:
              name: To Sales
              targetQueue:
                lit:
                  name: Sales Queue`;
    const lenient = await publish(emu, inboundCallYaml("dev-Transfer", transfer));
    expect(lenient.status).toBe("Success");
    expect(lenient.messages).toEqual([
      expect.objectContaining({
        type: "Warning",
        text: expect.stringContaining('rule unmodelled-reference: targetQueue "Sales Queue"'),
      }),
    ]);
    const strictEmu = await startEmulator({ strict: true });
    try {
      const job = await publish(strictEmu, inboundCallYaml("dev-Transfer", transfer));
      expect(job.status).toBe("Failure");
      expect(job.messages[0].text).toContain("rule unmodelled-reference");
      expect(job.messages[0].text).toContain(
        "(at inboundCall.tasks[0].task.actions[0].transferToAcd.targetQueue.lit.name, line 37)",
      );
    } finally {
      await strictEmu.stop();
    }
  });
});
