import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { startEmulator, EmulatorOptions, RunningEmulator } from "../../emulator/server";
import { main as importMain } from "../../tools/importFlows";
import { copyPortfolio } from "../unit/helpers/project";

// The job protocol's helpers are shared with the e2e tier: testkit/emulator.ts.
export { call, publish, publishOk, signIn, type JobState, type JsonResponse } from "../../testkit/emulator";

export async function withEmulator<T>(options: EmulatorOptions, fn: (emu: RunningEmulator) => Promise<T>): Promise<T> {
  const emu = await startEmulator(options);
  try {
    return await fn(emu);
  } finally {
    await emu.stop();
  }
}

/** A small valid inbound call flow written for the tests (not taken from the corpus). */
export function inboundCallYaml(name: string, extraActions = "", moduleName?: string): string {
  const moduleCall = moduleName
    ? `
          - callCommonModule:
              name: Lookup
              commonModule:
                ${moduleName}:
                  ver_latestPublished:
                    inputs:
                      Common.ani:
                        exp: Call.Ani
                    outputs:
                      Common.tier:
                        var: Task.tier`
    : "";
  return `inboundCall:
  name: ${name}
  division: Home
  startUpRef: "/inboundCall/menus/menu[Main_10]"
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      defaultLanguageSkill:
        noValue: true
  initialGreeting:
    tts: Welcome.
  menus:
    - menu:
        name: Main
        refId: Main_10
        audio:
          tts: Press 1 for sales.
        choices:
          - menuJumpToTask:
              name: Sales
              dtmf: digit_1
              targetTaskRef: "/inboundCall/tasks/task[Sales_11]"
  tasks:
    - task:
        name: Sales
        refId: Sales_11
        variables:
          - stringVariable:
              name: Task.tier
              initialValue:
                noValue: true
        actions:${moduleCall}${extraActions}
          - disconnect:
              name: Disconnect
`;
}

/** A small valid common module: input Common.ani, output Common.tier, callable from inbound calls. */
export function commonModuleYaml(name: string, compatible: string[] = ["inboundcall"], body = ""): string {
  return `commonModule:
  name: ${name}
  division: Home
  supportedLanguages:
    en-us:
      none: true
  variables:
    - stringVariable:
        name: Common.ani
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Common.tier
        initialValue:
          lit: standard
        isInput: false
        isOutput: true
  settingsCommonModule:
    compatibleFlowTypes:
${compatible.map((t) => `      - flowType: ${t}`).join("\n")}
  startUpTaskActions:${body}
    - endTask:
        name: Exit Common Module
`;
}

/** A copy of the unit tests' portfolio whose stack `test` points at `emu` (its gateway and token). */
export function portfolioAgainst(emu: RunningEmulator, prefix: string): string {
  const root = copyPortfolio(prefix);
  const stackFile = join(root, "Pulumi.test.yaml");
  const text = readFileSync(stackFile, "utf8");
  writeFileSync(stackFile, `${text}  # where the test's org is\n  genesys-flows:provider:\n    gateway: { protocol: http, host: 127.0.0.1, port: "${emu.port}" }\n  genesys-flows:accessToken: ${emu.accessToken}\n`);
  return root;
}

/** Runs flows:import in `root` and keeps what it printed. */
export async function runImport(root: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await importMain(["--root", root, ...argv], { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}
