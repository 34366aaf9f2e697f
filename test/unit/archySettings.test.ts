// `archySettings`: flow-level Archy the model has no field for. It reaches the compiled file over
// the kind's defaults, its raw variable declarations join the compiled variables (and the names
// expressions may read), it is checked by the Archy validator in the flow's kind (rule
// archy-actions) located at archySettings.<path>, and keys the model writes itself are refused.
import { runChecks } from "../../checks";
import { compileToArchy } from "../../compiler/compile";
import { validateArchyDocument } from "../../archy/validate";
import { parseFlowText } from "../../model/load";
import { substituteModel } from "../../model/placeholders";

const load = (text: string) => parseFlowText(text, "flows/f.yaml");
const findings = (text: string) => {
  const flow = load(text);
  return runChecks({ flows: [{ file: flow.file, id: "f", model: flow.model, displayName: flow.model.name }] }).map(
    (f) => `${f.ruleId} ${f.node ?? ""}${f.field ?? ""}: ${f.message}`,
  );
};
const compiled = (text: string) => {
  const flow = load(text);
  return compileToArchy(flow, { publishedName: flow.model.name, modules: new Map() }) as Record<
    string,
    Record<string, unknown>
  >;
};

const BOT = `kind: botFlow
name: Order Bot
archySettings:
  variables:
    - stringVariable:
        name: Slot.OrderNumber
        initialValue: { noValue: true }
        isInput: true
        isOutput: true
  settingsErrorHandling:
    errorHandling: { exit: { none: true } }
    enableAgentEscalation: { lit: true }
  settingsBotFlow: { none: true }
start: Known
nodes:
  Known:
    type: decision
    expression: IsSet(Slot.OrderNumber)
    transitions: { yes: Bye, no: Bye }
  Bye:
    type: archy
    actions:
      - exitBotFlow: { name: Bye }
`;

describe("archySettings", () => {
  it("reaches the compiled file over the kind's defaults, with its raw variables among the compiled ones", () => {
    expect(findings(BOT)).toEqual([]);
    const body = compiled(BOT).botFlow;
    expect(body.settingsErrorHandling).toEqual({
      errorHandling: { exit: { none: true } },
      enableAgentEscalation: { lit: true },
    });
    expect(body.settingsBotFlow).toEqual({ none: true });
    expect(body.variables).toEqual([
      { stringVariable: { name: "Slot.OrderNumber", initialValue: { noValue: true }, isInput: true, isOutput: true } },
    ]);
    expect(validateArchyDocument(compiled(BOT)).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("is checked by the Archy validator in the flow's kind, located in archySettings", () => {
    const bad = BOT.replace(
      "errorHandling: { exit: { none: true } }",
      "errorHandling: { explode: { none: true } }",
    ).replace("settingsBotFlow: { none: true }", "settingsBotFlow: { none: true }\n  settingsMenux: { none: true }");
    const out = findings(bad);
    // Names the catalogue lacks are warnings (rule archy-unknown); a value of the wrong closed type is an error.
    expect(
      out.some(
        (f) => f.startsWith("archy-unknown archySettings.settingsErrorHandling.errorHandling") && f.includes("explode"),
      ),
    ).toBe(true);
    expect(out.some((f) => f.startsWith("archy-unknown archySettings.settingsMenux"))).toBe(true);
    const wrongType = findings(
      BOT.replace("enableAgentEscalation: { lit: true }", "enableAgentEscalation: { lit: maybe }"),
    );
    expect(
      wrongType.some((f) => f.startsWith("archy-actions archySettings.settingsErrorHandling.enableAgentEscalation")),
    ).toBe(true);
  });

  it("refuses keys the model writes and raw variables the model already declares", () => {
    const text = `kind: inboundCall
name: Calls
variables:
  x: { type: string }
archySettings:
  startUpRef: ./menus/menu[Main]
  variables:
    - stringVariable: { name: Flow.x, initialValue: { noValue: true } }
start: Bye
nodes:
  Bye: { type: disconnect }
`;
    const out = findings(text);
    expect(out).toContain(
      `archy-actions archySettings.startUpRef: "startUpRef" is written from the flow's start node, not from archySettings`,
    );
    expect(out).toContain(
      `archy-actions archySettings.variables[0]: variable "Flow.x" is already declared by the flow (variables, inputs or outputs); declare it once`,
    );
  });

  it("a defaultLanguage is the model's in a flow that has one, and archySettings' own in a common module, which has none (export:CM_gh_actions/CallbackBundleBasic)", () => {
    const call = findings(`kind: inboundCall
name: Calls
archySettings:
  defaultLanguage: es-us
start: Bye
nodes:
  Bye: { type: disconnect }
`);
    expect(call).toContain(
      `archy-actions archySettings.defaultLanguage: "defaultLanguage" is written from the flow's defaultLanguage, not from archySettings`,
    );
    const module = findings(`kind: commonModule
name: Module
archySettings:
  defaultLanguage: es-us
  supportedLanguages:
    es-us:
      none: true
start: Done
nodes:
  Done: { type: return, outcome: completed }
`);
    expect(module).toEqual([]);
  });

  it("variables that raw Archy writes can be read by typed nodes, as Archy creates them on first write", () => {
    const text = `kind: workflow
name: Writes
start: Lookup
nodes:
  Lookup:
    type: archy
    actions:
      - updateData:
          name: Remember
          statements:
            - integer: { variable: Flow.count, value: { lit: 3 } }
    transitions: { next: Many }
  Many:
    type: decision
    expression: Flow.count > 2
    transitions: { yes: End, no: End }
  End:
    type: archy
    actions:
      - endWorkflow: { name: End }
`;
    expect(findings(text)).toEqual([]);
    expect(findings(text.replace("Flow.count > 2", "Flow.cuont > 2")).join("\n")).toContain(
      'unknown variable "Flow.cuont"',
    );
  });

  it("placeholders in raw keys are substituted like values", () => {
    const flow = load(BOT.replace("settingsBotFlow: { none: true }", 'settingsBotFlow: { "{{mode}}": true }'));
    expect(substituteModel(flow.model, { mode: "none" }).archySettings?.settingsBotFlow).toEqual({ none: true });
  });
});
