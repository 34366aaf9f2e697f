// The planner: a stack's portfolio from flow files and stack settings. Every flow file belongs to
// every stack (narrowed by include/exclude); substitutions are shared and per flow; hard errors of
// every file come together; modules come first; revisions cascade through the module graph.
import { readPortfolio } from "../../project/portfolio";
import {
  callFlow,
  callViaNumber,
  issuesOf,
  lookupModule,
  messageOf,
  outerModule,
  plan,
  tempProject,
  flowText,
} from "../../testkit/portfolio";

const inner = lookupModule();
const outer = outerModule();
const viaOuter = (name: string) => callViaNumber(name);
const email = {
  kind: "inboundEmail",
  name: "Mail",
  variables: { customer: { type: "string" } },
  start: "Find",
  nodes: {
    Find: {
      type: "subflow",
      module: "Lookup",
      inputs: { address: "Email.Message.from.email" },
      outputs: { customerId: "customer" },
      transitions: { completed: "Q", error: "Q" },
    },
    Q: { type: "transferToQueue", queue: "{{queue}}", transitions: { failure: "D" } },
    D: { type: "disconnect" },
  },
};
const lonely = { kind: "inboundCall", name: "Lonely", start: "D", nodes: { D: { type: "disconnect" } } };
const portfolioFlows = {
  "modules/lookup": inner,
  "modules/outer": outer,
  "calls/a": viaOuter("A"),
  "calls/b": viaOuter("B"),
  "digital/mail": email,
  "calls/lonely": lonely,
};
const base = { namePrefix: "t-", substitutions: { queue: "Mail" } };

describe("portfolio", () => {
  test("modules come first, each after the modules it calls; published names carry the prefix", () => {
    const p = plan(portfolioFlows, base);
    expect(p.flows.map((f) => `${f.id} ${f.publishedName} calls=${f.calls.join(",")}`)).toEqual([
      "modules/lookup t-Lookup calls=",
      "modules/outer t-Outer calls=modules/lookup",
      "calls/a t-A calls=modules/outer",
      "calls/b t-B calls=modules/outer",
      "calls/lonely t-Lonely calls=",
      "digital/mail t-Mail calls=modules/lookup",
    ]);
  });

  test("include and exclude globs select flows by id", () => {
    expect(plan(portfolioFlows, { ...base, exclude: ["calls/lonely", "digital/**"] }).flows.map((f) => f.id)).toEqual([
      "modules/lookup",
      "modules/outer",
      "calls/a",
      "calls/b",
    ]);
    expect(plan(portfolioFlows, { ...base, include: ["calls/lonely"] }).flows.map((f) => f.id)).toEqual([
      "calls/lonely",
    ]);
    expect(messageOf(() => plan(portfolioFlows, { ...base, include: ["nothing/*"] }))).toContain(
      'Pulumi.test.yaml: field "genesys-flows:include": selects no flow of flows/',
    );
  });

  test("excluding a module its callers need is a hard error naming the call", () => {
    const m = messageOf(() => plan(portfolioFlows, { ...base, exclude: ["modules/lookup"] }));
    expect(m).toContain(
      'flows/modules/outer.yaml: node "Find" (subflow): field "module": common module "Lookup" (flows/modules/lookup.yaml) is not in stack "test": its include/exclude globs',
    );
    expect(m).toContain('flows/digital/mail.yaml: node "Find"');
  });

  test("per-flow substitutions override the shared ones; a flow id that matches no file is named", () => {
    const p = plan(portfolioFlows, { ...base, flows: { "digital/mail": { substitutions: { queue: "Mail VIP" } } } });
    expect(p.flows.find((f) => f.id === "digital/mail")!.substitutedYaml).toContain('name: "Mail VIP"');
    const m = messageOf(() => plan(portfolioFlows, { ...base, flows: { "digital/mial": { substitutions: {} } } }));
    expect(m).toBe(
      'Pulumi.test.yaml: field "genesys-flows:flows.digital/mial": no flow file flows/digital/mial.yaml; did you mean "digital/mail"?; per-flow settings are keyed by the flow file\'s path under flows/ without .yaml',
    );
  });

  test("a placeholder without a value is located where it is used", () => {
    const m = messageOf(() => plan(portfolioFlows, { namePrefix: "t-" }));
    expect(m).toContain(
      'flows/digital/mail.yaml: node "Q" (transferToQueue): field "queue": placeholder "{{queue}}" has no value in stack "test"',
    );
  });

  test("a substitution value that would break the YAML is refused with the flow and the key", () => {
    const m = messageOf(() => plan(portfolioFlows, { ...base, substitutions: { queue: 'Mail "VIP"' } }));
    expect(m).toContain(
      'flows/digital/mail.yaml: flow "Mail": substitution "queue": its value cannot be inserted safely into the compiled YAML because it contains a double quote (")',
    );
  });

  test("two flows that publish under one name after substitution are refused, both named", () => {
    const copy = { ...email, name: "{{line}}" };
    const issues = issuesOf(() =>
      plan(
        { ...portfolioFlows, "digital/copy": copy },
        { ...base, flows: { "digital/copy": { substitutions: { line: "mail" } } } },
      ),
    );
    expect(issues.map((i) => `${i.file}: ${i.message}`)).toEqual([
      'flows/digital/mail.yaml: published name "t-Mail" is also the published name of flows/digital/copy.yaml ("t-mail"); Genesys compares flow names case-insensitively, so one would overwrite the other',
    ]);
  });

  test("every problem of every file is reported at once, before anything is compiled", () => {
    const broken = { ...lonely, name: "L1", start: "X" };
    const issues = issuesOf(() =>
      plan({ ...portfolioFlows, "calls/broken": broken, "calls/bad-yaml": "kind: [" }, base),
    );
    expect(issues.map((i) => i.file)).toEqual(["flows/calls/bad-yaml.yaml"]);
    const more = issuesOf(() =>
      plan({ ...portfolioFlows, "calls/broken": broken, "calls/broken2": { ...lonely, name: "L2", start: "Y" } }, base),
    );
    expect(more.map((i) => `${i.file}:${i.field}`)).toEqual([
      "flows/calls/broken.yaml:start",
      "flows/calls/broken2.yaml:start",
    ]);
  });
});

describe("revisions cascade through the module graph", () => {
  const revisions = (flows: Record<string, unknown>) =>
    new Map(plan(flows as never, base).flows.map((f) => [f.id, f.revision]));
  const before = revisions(portfolioFlows);

  test("a change to the inner module changes it, the module calling it, and every flow calling either", () => {
    const changed = { ...inner, description: "changed" };
    const after = revisions({ ...portfolioFlows, "modules/lookup": changed });
    const moved = [...after.keys()].filter((id) => after.get(id) !== before.get(id)).sort();
    expect(moved).toEqual(["calls/a", "calls/b", "digital/mail", "modules/lookup", "modules/outer"]);
  });

  test("a change to a caller changes only it; nothing changes when nothing changed", () => {
    const after = revisions({ ...portfolioFlows, "calls/a": { ...viaOuter("A"), description: "x" } });
    expect([...after.keys()].filter((id) => after.get(id) !== before.get(id))).toEqual(["calls/a"]);
    const same = revisions(portfolioFlows);
    expect([...same.keys()].filter((id) => same.get(id) !== before.get(id))).toEqual([]);
  });

  test("a callModule node naming a module of the portfolio by its published name (an imported call) cascades as a subflow does", () => {
    const imported = {
      kind: "inboundCall",
      name: "Imported",
      start: "C",
      nodes: {
        C: {
          type: "callModule",
          module: "{{lookup_name}}",
          inputs: { address: "Call.Ani" },
          transitions: { next: "D" },
        },
        D: { type: "disconnect" },
      },
    };
    const flows = { ...portfolioFlows, "calls/imported": imported };
    const settings = { ...base, flows: { "calls/imported": { substitutions: { lookup_name: "t-lookup" } } } };
    const p = plan(flows as never, settings);
    expect(p.flows.find((f) => f.id === "calls/imported")!.calls).toEqual(["modules/lookup"]);
    const revs = (fl: Record<string, unknown>) =>
      new Map(plan(fl as never, settings).flows.map((f) => [f.id, f.revision]));
    const first = revs(flows);
    const after = revs({ ...flows, "modules/lookup": { ...inner, description: "changed" } });
    expect([...after.keys()].filter((id) => after.get(id) !== first.get(id)).sort()).toEqual([
      "calls/a",
      "calls/b",
      "calls/imported",
      "digital/mail",
      "modules/lookup",
      "modules/outer",
    ]);
  });

  test("a callModule node naming a module of the portfolio as its file names it (an import of a module with its callers) calls it as the stack publishes it, after it", () => {
    const imported = {
      kind: "inboundCall",
      name: "Imported",
      start: "C",
      nodes: {
        C: {
          type: "callModule",
          module: (inner as { name: string }).name,
          inputs: { address: "Call.Ani" },
          transitions: { next: "D" },
        },
        D: { type: "disconnect" },
      },
    };
    const p = plan({ ...portfolioFlows, "calls/imported": imported } as never, base);
    const caller = p.flows.find((f) => f.id === "calls/imported")!;
    const module = p.flows.find((f) => f.id === "modules/lookup")!;
    expect(caller.calls).toEqual(["modules/lookup"]);
    expect(module.publishedName).not.toBe((inner as { name: string }).name); // the stack's prefix
    expect(caller.substitutedYaml).toContain(`${module.publishedName}:`);
    expect(caller.substitutedYaml).not.toMatch(new RegExp(`^\\s+${(inner as { name: string }).name}:`, "m"));
  });

  test("a substitution value changes the revision of the flows using it only", () => {
    const after = new Map(
      plan(portfolioFlows, { ...base, substitutions: { queue: "Other" } }).flows.map((f) => [f.id, f.revision]),
    );
    expect([...after.keys()].filter((id) => after.get(id) !== before.get(id))).toEqual(["digital/mail"]);
  });
});

test("readPortfolio reads flows/ recursively and the stack file of a project on disk", () => {
  const root = tempProject({
    "flows/modules/lookup.yaml": flowText(inner),
    "flows/calls/deep/a.yml": flowText(callFlow("A")),
    "flows/notes.txt": "not a flow",
    "Pulumi.dev.yaml": "config:\n  genesys-flows:environment: dev\n  genesys-flows:namePrefix: dev-\n",
  });
  const p = readPortfolio(root, "dev");
  expect(p.flows.map((f) => [f.id, f.file, f.compiledPath])).toEqual([
    ["modules/lookup", "flows/modules/lookup.yaml", ".work/compiled/dev/modules/lookup.yaml"],
    ["calls/deep/a", "flows/calls/deep/a.yml", ".work/compiled/dev/calls/deep/a.yaml"],
  ]);
});

describe("a flow's defaultLanguage as a placeholder (exports written for the provider)", () => {
  const flow = (defaultLanguage: string) => ({
    kind: "inboundCall",
    name: "Lang",
    defaultLanguage,
    start: "Bye",
    nodes: { Bye: { type: "disconnect" } },
  });

  test("the stack fills it: the compiled flow names the language where the flow and its supported languages do", () => {
    const yaml = plan({ "calls/lang": flow("{{lang}}") }, { namePrefix: "t-", substitutions: { lang: "fr-ca" } })
      .flows[0].substitutedYaml;
    expect(yaml).toMatch(/defaultLanguage: "?fr-ca"?/);
    expect(yaml).toMatch(/supportedLanguages:\s+"?fr-ca"?:/);
    expect(yaml).not.toContain("{{lang}}");
  });

  test("a stack that leaves it unfilled is told which placeholder, in which file", () => {
    const m = messageOf(() => plan({ "calls/lang": flow("{{lang}}") }, { namePrefix: "t-" }));
    expect(m).toContain("flows/calls/lang.yaml");
    expect(m).toContain("{{lang}}");
  });

  test("a tag written in another case (en-US) is a language tag: taken and compiled as written, as Archy compares tags ignoring case", () => {
    const yaml = plan({ "calls/lang": flow("en-US") }, { namePrefix: "t-" }).flows[0].substitutedYaml;
    expect(yaml).toMatch(/defaultLanguage: "?en-US"?/);
    expect(yaml).toMatch(/supportedLanguages:\s+"?en-US"?:/);
  });

  test("anything else that is not a language tag is still refused, naming the field", () => {
    const m = messageOf(() => plan({ "calls/lang": flow("English") }, { namePrefix: "t-" }));
    expect(m).toContain(
      'field "defaultLanguage": expected a language tag, e.g. en-us, or a {{placeholder}} the stack fills, found "English"',
    );
    expect(
      messageOf(() =>
        plan({ "calls/lang": flow("{{lang}} en") }, { namePrefix: "t-", substitutions: { lang: "fr-ca" } }),
      ),
    ).toContain('field "defaultLanguage"');
    // A stack value that is not a tag either: the model is checked again after the substitutions.
    expect(
      messageOf(() =>
        plan({ "calls/lang": flow("{{lang}}") }, { namePrefix: "t-", substitutions: { lang: "English" } }),
      ),
    ).toContain(
      'flows/calls/lang.yaml: flow "t-Lang": field "defaultLanguage": after this stack\'s substitutions: expected a language tag',
    );
  });
});
