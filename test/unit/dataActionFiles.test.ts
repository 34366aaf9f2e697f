// A data action a team declares (objects/data-actions/<name>.yaml, docs/objects.md): its file and
// messages (contracts are JSON schemas of type object), its integration and category filled from
// the stack's substitutions, the provider's resource it becomes (the integration found by name,
// never created), how a flow's call names it (category/name), the review's words, and its adoption
// by name (planner/objects.ts).
import { parseRoutingText } from "../../model/routing/load";
import { formatIssue } from "../../model/errors";
import { unitOf, type RoutingFile } from "../../model/routing/schema";
import { issuesOf } from "../../testkit/portfolio";
import { planRouting, routingObjectsOf } from "../../planner/routing";
import { routingResourceInputs, replacingInputs } from "../../planner/routingInputs";
import { parseStackSettings } from "../../planner/stackSettings";
import { decideObjects, decisionWords } from "../../planner/objects/decisions";
import { stackDeclares } from "../../checks/orgReferences";

const FILE = "objects/data-actions/get-customer.yaml";
const ACTION = [
  "name: Get customer",
  'integration: "{{crm_integration}}"',
  'category: "{{crm_category}}"',
  "timeoutSeconds: 10",
  "contract:",
  "  input:",
  "    type: object",
  "    required: [phone]",
  "    properties:",
  "      phone: { type: string }",
  "  output:",
  "    type: object",
  "    properties:",
  "      name: { type: string }",
  "      vip: { type: boolean }",
  "request:",
  "  method: GET",
  "  url: /customers?phone=${input.phone}",
  "response:",
  "  translationMap: { name: $.name, vip: $.vip }",
  "  translationMapDefaults: { vip: 'false' }",
  "",
].join("\n");
type Action = Extract<RoutingFile, { kind: "dataAction" }>;
const messages = (f: () => unknown): string[] => issuesOf(f).map(formatIssue);
const refs = { routing: () => undefined, flow: () => undefined };
const plan = (
  text = ACTION,
  substitutions: Record<string, string> = { crm_integration: "CRM dev", crm_category: "CRM" },
) =>
  planRouting({
    settings: parseStackSettings({ environment: "dev", namePrefix: "dev-", substitutions }, "Pulumi.dev.yaml"),
    sources: [{ id: "data-actions/get-customer", file: FILE, text }],
    flows: [],
    stackFile: "Pulumi.dev.yaml",
  }).objects;

describe("a data action's file", () => {
  it("is a data action by its folder: integration, category, contracts, request and response; not secure unless it says", () => {
    const v = parseRoutingText(ACTION, FILE).value as Action;
    expect(v).toMatchObject({ kind: "dataAction", name: "Get customer", secure: false, timeoutSeconds: 10 });
    expect(v.contract.input).toEqual({
      type: "object",
      required: ["phone"],
      properties: { phone: { type: "string" } },
    });
    expect(v.request).toEqual({ method: "GET", url: "/customers?phone=${input.phone}" });
  });

  it("names the file, line and field of a contract that is not a JSON schema object", () => {
    const withInput = (input: string) => ACTION.replace(/ {2}input:\n(?: {4}.*\n)+/, `  input:\n${input}`);
    expect(messages(() => parseRoutingText(withInput("    type: string\n"), FILE))).toEqual([
      `${FILE}:6:3: field "contract.input": a contract is a JSON schema of \`type: object\` (its properties are the inputs or outputs)`,
    ]);
    expect(
      messages(() =>
        parseRoutingText(withInput("    type: object\n    properties:\n      phone: { type: text }\n"), FILE),
      ),
    ).toEqual([
      `${FILE}:9:16: field "contract.input.properties.phone.type": Invalid option: expected one of "object"|"array"|"string"|"integer"|"number"|"boolean"|"null"`,
    ]);
    expect(messages(() => parseRoutingText(withInput("    type: object\n    required: [phone]\n"), FILE))).toEqual([
      `${FILE}:8:16: field "contract.input.required[0]": "phone" is not one of its properties`,
    ]);
    expect(messages(() => parseRoutingText(ACTION.replace("method: GET", "method: FETCH"), FILE))[0]).toMatch(
      /^objects\/data-actions\/get-customer\.yaml:17:3: field "request\.method": .*"GET"/,
    );
    expect(
      messages(() => parseRoutingText(ACTION.replace("timeoutSeconds: 10", "timeoutSeconds: 90"), FILE))[0],
    ).toMatch(/:4:1: field "timeoutSeconds": Too big: expected number to be <=60$/);
  });
});

describe("the data action a stack deploys", () => {
  const [action] = plan();

  it("takes its integration and category from the stack's substitutions, as its name; an unfilled one is refused", () => {
    expect(action).toMatchObject({ kind: "dataAction", publishedName: "Get customer" });
    expect(action.value).toMatchObject({ integration: "CRM dev", category: "CRM" });
    expect(messages(() => plan(ACTION, { crm_category: "CRM" }))).toEqual([
      `${FILE}:2:1: field "integration": {{crm_integration}} has no value in Pulumi.dev.yaml: set genesys-flows:substitutions.crm_integration`,
    ]);
  });

  it("is counted as there for a flow's call by its category and name", () => {
    const declared = routingObjectsOf([action]);
    expect(declared.get("dataAction")).toEqual(new Set(["CRM/Get customer"]));
    const call = { kinds: ["dataAction" as const], name: "Get customer", category: "CRM ", path: "" };
    expect(stackDeclares(call, declared)).toBe(true);
    expect(stackDeclares({ ...call, category: "Billing" }, declared)).toBe(false);
  });

  it("becomes the provider's integration action: the integration's id found by its name, contracts as JSON", () => {
    const integration = (name: string) => `id of ${name}`;
    expect(routingResourceInputs(action, { ...refs, integration })).toEqual({
      name: "Get customer",
      integrationId: "id of CRM dev",
      category: "CRM",
      secure: false,
      configTimeoutSeconds: 10,
      contractInput: '{"type":"object","properties":{"phone":{"type":"string"}},"required":["phone"]}',
      contractOutput: '{"type":"object","properties":{"name":{"type":"string"},"vip":{"type":"boolean"}}}',
      configRequest: { requestType: "GET", requestUrlTemplate: "/customers?phone=${input.phone}" },
      configResponse: { translationMap: { name: "$.name", vip: "$.vip" }, translationMapDefaults: { vip: "false" } },
    });
    // Genesys makes a new action for a new integration, secure flag or contract.
    expect(replacingInputs("dataAction")).toEqual(["integrationId", "secure", "contractInput", "contractOutput"]);
  });

  it("says in a review what changes", () => {
    const lines: string[] = [];
    const before = action.value as Action;
    const after: Action = {
      ...before,
      contract: { ...before.contract, output: { type: "object", properties: { name: { type: "string" } } } },
    };
    unitOf("dataAction").details(before, after, (l, b, a) => b !== a && lines.push(`${l}: ${b} -> ${a}`), []);
    expect(lines).toEqual([
      'output contract: {"type":"object","properties":{"name":{"type":"string"},"vip":{"type":"boolean"}}} -> {"type":"object","properties":{"name":{"type":"string"}}}',
    ]);
  });

  it("adopts the org's action of its name, its category compared", () => {
    const org = { id: "a-1", name: "get CUSTOMER", category: "CRM", integrationId: "i-1", secure: false };
    const same = decideObjects([action], [], new Map([["dataAction", [org]]]));
    expect(same.get("data-actions/get-customer")).toEqual({
      adopt: { id: "a-1", differs: ["name"], org: { name: "get CUSTOMER" }, words: [expect.any(String)] },
      adopted: true,
    });
    const moved = decideObjects(
      [action],
      [],
      new Map([["dataAction", [{ ...org, name: "Get customer", category: "Old" }]]]),
    );
    const d = moved.get("data-actions/get-customer")!;
    expect(d.adopt?.differs).toEqual(["category"]);
    expect(decisionWords(action, d)[0]).toBe(
      `data action "Get customer" is in the org (id a-1): adopted as it is, then updated by the next up: category: the org has Old, ${FILE} says CRM`,
    );
    expect(decideObjects([action], [], new Map([["dataAction", []]])).get("data-actions/get-customer")).toEqual({
      adopted: false,
    });
  });
});
