// Import --from-org's pure parts (issue 96 items 3 and 6; docs/promotion.md): the flows chosen by
// name, the org objects an adopted flow names declared as the portfolio's files (queues, skills,
// ...: the registered org object kinds, never a user), callers naming their modules as the
// portfolio does, and the org's place given on the command line recorded in the stack file.
import * as YAML from "yaml";
import { planObjectFiles } from "../../import/adoptObjects";
import { objectsOfExports } from "../../import/exportObjects";
import { nameModuleCallsAsFiles, recordProvider, selectForAdoption } from "../../import/adopt";
import { substituteOrgNames } from "../../import/orgNames";
import { providerOf } from "../../tools/importFlows";
import { readObjectDetails } from "../../org/routing";
import type { OrgFlow } from "../../org/model";

const EXPORT = `inboundCall:
  name: dev-Support
  defaultLanguage: en-us
  startUpRef: "/inboundCall/tasks/task[Main_10]"
  initialGreeting:
    tts: Hi
  tasks:
    - task:
        name: Main
        refId: Main_10
        actions:
          - updateData:
              name: Pick
              statements:
                - queue:
                    variable: Flow.q
                    value:
                      exp: FindQueue("Billing dev")
          - transferToAcd:
              name: Transfer to ACD
              targetQueue:
                lit:
                  name: "Support dev"
              acdSkills:
                - acdSkill:
                    lit:
                      name: Invoices
          - transferToUser:
              name: To Dana
              targetUser:
                lit:
                  name: Dana Agent
          - callData:
              name: Look up
              timeout:
                lit:
                  minutes: 1
              category:
                "CRM ":
                  dataAction:
                    Get customer:
                      inputs: {}
                      successOutputs: {}
                      failureOutputs: {}
              outputs:
                success:
                  actions: []
                failure:
                  actions: []
                timeout:
                  actions: []
          - disconnect:
              name: End
`;

/** The objects an adopted flow's export names (kind and name; a data action's category). */
const objectsNamedIn = (text: string) =>
  objectsOfExports([{ source: "org flow dev-Support", text }]).named.map(({ kind, name, category }) => ({
    kind,
    name,
    ...(category !== undefined ? { category } : {}),
  }));

describe("the org objects an adopted flow names, declared as the portfolio's files", () => {
  it("names the queues and skills the flow names (looked up or literal), never a user", () => {
    expect(objectsNamedIn(EXPORT)).toEqual(
      expect.arrayContaining([
        { kind: "queue", name: "Billing dev" },
        { kind: "queue", name: "Support dev" },
        { kind: "skill", name: "Invoices" },
      ]),
    );
    expect(objectsNamedIn(EXPORT).map((o) => o.kind)).not.toContain("user");
  });

  it("one file per object, named by its substitution, with the org's settings other than the defaults", () => {
    const { substitutions } = substituteOrgNames(EXPORT, { support_queue: "Support dev" });
    const org = new Map([
      [
        "queue",
        [
          { id: "q1", name: "Support dev", description: "Support team", acwSettings: { timeoutMs: 60000 } },
          { id: "q2", name: "billing DEV", acwSettings: { wrapupPrompt: "OPTIONAL" }, enableTranscription: true },
          { id: "q3", name: "Lobby" },
        ],
      ],
      ["skill", [{ id: "s1", name: "Invoices" }]],
    ]);
    const planned = planObjectFiles({
      named: [...objectsNamedIn(EXPORT).filter((n) => n.kind !== "dataAction"), { kind: "queue", name: "Support dev" }],
      substitutions,
      org,
      exists: () => false,
    });
    expect(planned.problems).toEqual([]);
    expect(planned.files.map((f) => [f.file, YAML.parse(f.text)])).toEqual([
      [
        "objects/queues/billing-dev.yaml",
        { name: "{{queue_billing_dev}}", acwWrapupPrompt: "OPTIONAL", enableTranscription: true },
      ],
      [
        "objects/queues/support-dev.yaml",
        { name: "{{support_queue}}", description: "Support team", acwTimeoutMs: 60000 },
      ],
      ["objects/skills/invoices.yaml", { name: "{{skill_invoices}}" }],
    ]);
  });

  it("a data action the flow calls: by its category and name, its contract and config, its integration by name", async () => {
    const named = objectsNamedIn(EXPORT).filter((n) => n.kind === "dataAction");
    expect(named).toEqual([{ kind: "dataAction", name: "Get customer", category: "CRM" }]);
    const listed = [
      { id: "a1", name: "Get customer", category: "Billing" },
      { id: "a2", name: "Get customer", category: "CRM" },
      { id: "a3", name: "Other", category: "CRM" },
    ];
    const contract = {
      input: { inputSchema: { type: "object", properties: { phone: { type: "string" } } } },
      output: { successSchema: { type: "object", properties: { name: { type: "string" } } } },
    };
    const config = { timeoutSeconds: 0, request: { requestType: "GET", requestUrlTemplate: "/c" }, response: {} };
    const gets: string[] = [];
    const api = {
      get: async <T>(path: string, query: Record<string, string | number | boolean> = {}) => {
        gets.push(`${path}?${new URLSearchParams(query as Record<string, string>)}`);
        const e = listed.find((x) => path.endsWith(x.id))!;
        return { ...e, integrationId: "i1", secure: false, contract, config } as T;
      },
      all: async <T>(path: string) =>
        (path === "/api/v2/integrations" ? [{ id: "i1", name: "Web Services" }] : []) as T[],
    };
    const org = await readObjectDetails(api, new Map([["dataAction", listed]]), named);
    expect(gets).toEqual([
      "/api/v2/integrations/actions/a1?expand=contract&includeConfig=true",
      "/api/v2/integrations/actions/a2?expand=contract&includeConfig=true",
    ]);
    const planned = planObjectFiles({ named, substitutions: [], org, exists: () => false });
    expect(planned.problems).toEqual([]);
    expect(planned.files.map((f) => [f.file, YAML.parse(f.text)])).toEqual([
      [
        "objects/data-actions/get-customer.yaml",
        {
          name: "Get customer",
          integration: "Web Services",
          category: "CRM",
          secure: false,
          contract: {
            input: { type: "object", properties: { phone: { type: "string" } } },
            output: { type: "object", properties: { name: { type: "string" } } },
          },
          request: { method: "GET", url: "/c" },
          response: {},
        },
      ],
    ]);
  });

  it("an object the org lacks is a problem naming it; a file the project has is kept", () => {
    const planned = planObjectFiles({
      named: [
        { kind: "queue", name: "Gone" },
        { kind: "skill", name: "Invoices" },
      ],
      substitutions: [],
      org: new Map([["skill", [{ id: "s1", name: "Invoices" }]]]),
      exists: (f) => f === "objects/skills/invoices.yaml",
    });
    expect(planned.problems).toEqual(['the adopted flows name the queue "Gone", which the org does not have']);
    expect(planned.files).toEqual([]);
    expect(planned.kept).toEqual([
      'objects/skills/invoices.yaml (declared already: kept as it is for the ACD skill "Invoices")',
    ]);
  });
});

describe("flows by name, and their callers naming modules as the portfolio does", () => {
  const flow = (name: string, type: string): OrgFlow => ({
    flowId: `id-${name}`,
    name,
    type,
    publishedVersion: { id: "1.0", dateCreated: 0 },
    deleted: false,
  });

  it("selects exactly the flows named (case aside), without the stack's prefix in their model names", () => {
    const org = [
      flow("dev-Sales", "INBOUNDCALL"),
      flow("dev-SalesBackup", "INBOUNDCALL"),
      flow("dev-Lookup", "COMMONMODULE"),
    ];
    const s = selectForAdoption(org, { names: ["DEV-sales", "dev-Lookup"], namePrefix: "dev-", stack: "dev" });
    expect(s.candidates.map((c) => [c.flow.name, c.modelName])).toEqual([
      ["dev-Lookup", "Lookup"],
      ["dev-Sales", "Sales"],
    ]);
  });

  it("renames the calls of an adopted module's published name to its file's name, and no other", () => {
    const model = {
      nodes: {
        A: { type: "callModule", module: "DEV-Lookup" },
        B: { type: "callModule", module: "Elsewhere" },
        C: { type: "playMessage" },
      },
    };
    expect(nameModuleCallsAsFiles(model, new Map([["dev-lookup", "Lookup"]]))).toBe(1);
    expect(model.nodes.A.module).toBe("Lookup");
    expect(model.nodes.B.module).toBe("Elsewhere");
  });
});

describe("the org's place on the command line", () => {
  it("a gateway's URL or a region becomes the stack's provider place; anything else is a usage error", () => {
    expect(providerOf({ gateway: "http://127.0.0.1:9911" })).toEqual({
      gateway: { protocol: "http", host: "127.0.0.1", port: "9911" },
    });
    expect(providerOf({ gateway: "https://proxy.example.com" })).toEqual({
      gateway: { protocol: "https", host: "proxy.example.com", port: "443" },
    });
    expect(providerOf({ region: "eu-west-1" })).toEqual({ region: "eu-west-1" });
    expect(providerOf({})).toBeUndefined();
    expect(() => providerOf({ gateway: "ftp://x" })).toThrow(/http or https/);
    expect(() => providerOf({ region: "mars-1" })).toThrow(/not a Genesys Cloud region/);
    expect(() => providerOf({ region: "eu-west-1", gateway: "http://x" })).toThrow(/one place/);
  });

  it("is recorded in the stack file in place of the other, the rest of the file kept", () => {
    const text =
      "# dev\nconfig:\n  genesys-flows:namePrefix: dev-\n  genesys-flows:provider:\n    region: us-east-1\n    tokenPoolSize: 2\n";
    const out = recordProvider(text, { gateway: { protocol: "http", host: "127.0.0.1", port: "9911" } });
    expect(out).toContain("# dev\n");
    expect(YAML.parse(out).config["genesys-flows:provider"]).toEqual({
      tokenPoolSize: 2,
      gateway: { protocol: "http", host: "127.0.0.1", port: "9911" },
    });
    expect(recordProvider(text, undefined)).toBe(text);
  });
});
