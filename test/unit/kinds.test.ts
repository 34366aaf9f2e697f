// Every flow kind is usable: a small flow of each kind the fixture portfolio does not cover
// (test/unit/fixtures/kinds) loads, passes every check, compiles deterministically, and its
// compiled Archy (placeholders filled) passes the Archy validator the emulator runs on publish
// with no error. The node-kinds check keeps kinds apart: a node type a kind lacks is refused.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runChecks } from "../../checks";
import { compileFlow, parseArchyYaml } from "../../compiler";
import { validateArchyDocument } from "../../archy/validate";
import { FLOW_KINDS, KIND_NAMES } from "../../model/kinds";
import { parseFlowText } from "../../model/load";
import { applySubstitutions } from "../../model/placeholders";

const KIND_FIXTURES = join(__dirname, "fixtures", "kinds");

function fixtures() {
  return readdirSync(KIND_FIXTURES)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => parseFlowText(readFileSync(join(KIND_FIXTURES, f), "utf8"), `flows/kinds/${f}`));
}

const VALUES = { brand: "Acme", sales_queue: "Sales", support_queue: "Support", claims_queue: "Claims" };

describe("the kinds beyond the portfolio's", () => {
  const flows = fixtures();

  it("cover every kind the portfolio fixture lacks", () => {
    const covered = new Set(flows.map((f) => f.model.kind));
    for (const k of [
      "outboundCall",
      "secureCall",
      "inboundChat",
      "workflow",
      "workitem",
      "surveyInvite",
      "botFlow",
      "digitalBot",
      "voiceSurvey",
      "inQueueEmail",
      "inQueueShortMessage",
    ])
      expect(covered).toContain(k);
    expect(KIND_NAMES.length).toBe(16);
  });

  it.each(flows.map((f) => [f.file, f] as const))(
    "%s passes every check, compiles and validates in its flow type",
    (_file, flow) => {
      const findings = runChecks({
        flows: [{ file: flow.file, id: flow.file, model: flow.model, displayName: flow.model.name }],
      });
      expect(findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
      const compile = () => compileFlow(flow, { publishedName: flow.model.name, modules: new Map() });
      const text = compile();
      expect(compile()).toBe(text);
      const doc = parseArchyYaml(applySubstitutions(text, VALUES)) as Record<string, Record<string, unknown>>;
      const kind = FLOW_KINDS[flow.model.kind];
      expect(Object.keys(doc)).toEqual([kind.archyKey]);
      const errors = validateArchyDocument(doc).filter((f) => f.severity === "error");
      expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([]);
    },
  );

  it("refuses node types a kind lacks (node-kinds)", () => {
    const text = `kind: workflow\nname: W\nstart: A\nnodes:\n  A: { type: playMessage, prompt: Hi, transitions: { next: B } }\n  B: { type: disconnect }\n`;
    const flow = parseFlowText(text, "flows/w.yaml");
    const rules = runChecks({ flows: [{ file: flow.file, id: "w", model: flow.model, displayName: "W" }] }).map(
      (f) => f.ruleId,
    );
    expect(rules.filter((r) => r === "node-kinds").length).toBe(2);
  });

  const messagesOf = (text: string) => {
    const flow = parseFlowText(text, "flows/k.yaml");
    return runChecks({ flows: [{ file: flow.file, id: "k", model: flow.model, displayName: "K" }] }).map(
      (f) => `${f.ruleId} ${f.field ?? ""}: ${f.message}`,
    );
  };

  it("accepts an outbound call flow that starts at a task, as real exports do, and one that starts in raw Archy", () => {
    const body = `nodes:\n  A: { type: playMessage, prompt: Hi, transitions: { next: B } }\n  B: { type: disconnect }\n`;
    expect(messagesOf(`kind: outboundCall\nname: O\nstart: A\n${body}`)).toEqual([]);
    const raw = `kind: outboundCall\nname: O\nstart: R\nnodes:\n  R: { type: archy, actions: [{ disconnect: { name: Bye } }] }\n`;
    expect(messagesOf(raw)).toEqual([]);
  });

  it("writes a division and a description on every kind that sets them, the SDK's ArchBaseFlow has both (a secure call flow exported with its division was refused)", () => {
    const secure = `kind: secureCall\nname: S\ndivision: Finance\nstart: B\nnodes:\n  B: { type: disconnect }\n`;
    expect(messagesOf(secure)).toEqual([]);
    const survey = `kind: surveyInvite\nname: S\ndescription: Ask\nstart: E\nnodes:\n  E: { type: archy, actions: [{ completeSurveyInvite: { name: Done } }] }\n`;
    expect(messagesOf(survey)).toEqual([]);
    const compiled = (text: string) =>
      parseArchyYaml(
        compileFlow(parseFlowText(text, "flows/k.yaml"), { publishedName: "S", modules: new Map() }),
      ) as Record<string, Record<string, unknown>>;
    expect(compiled(secure).secureCall).toMatchObject({ division: "Finance" });
    expect(compiled(survey).surveyInvite).toMatchObject({ description: "Ask" });
    expect(compiled(survey).surveyInvite.defaultLanguage).toBeUndefined();
  });
});
