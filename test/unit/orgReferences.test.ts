// The org-reference check's pure core (checks/orgReferences.ts) and its reader (org/objects.ts)
// with a fake client: every org object a compiled flow names is found with its file, flow, node,
// compiled line and the name as written; what the org lacks is one located issue with the nearest
// names; data-action calls are checked against the org's contracts; only referenced kinds are read.
import { orgCatalog } from "../../archy/org";
import {
  checkedFlowsOf,
  orgReferencesOf,
  orgReferenceProblems,
  referencedKinds,
  uncheckedContract,
  undescribedContracts,
  type OrgCheckedFlow,
} from "../../checks/orgReferences";
import { checkOrgReferences } from "../../org/orgReferences";
import { OrgReadError, readOrgObjects, type PagedLister } from "../../org/objects";
import { archyFieldsOf } from "../../archy/org";
import { runChecks } from "../../checks";
import { plan, settings } from "../../testkit/portfolio";

const call = (name: string, nodes: Record<string, unknown>, variables: Record<string, unknown> = {}) => ({
  kind: "inboundCall",
  name,
  start: Object.keys(nodes)[0],
  variables,
  nodes,
});

function portfolio(): OrgCheckedFlow[] {
  return checkedFlowsOf(
    plan(
      {
        "calls/a": call("A", {
          ToSales: { type: "transferToQueue", queue: "{{sales_queue}}", transitions: { failure: "Bye" } },
          Bye: { type: "disconnect" },
        }),
        "calls/b": call(
          "B",
          {
            Look: {
              type: "dataAction",
              label: "Look up",
              category: "CRM",
              action: "Get customer",
              inputs: { phone: "Call.Ani" },
              outputs: { name: "customer" },
              transitions: { success: "Go", failure: "Go", timeout: "Go" },
            },
            Go: { type: "transferToFlow", flow: "{{other_flow}}", transitions: { failure: "Bye" } },
            Bye: { type: "disconnect" },
          },
          { customer: { type: "string" } },
        ),
      },
      { substitutions: { sales_queue: "Sales", other_flow: "test-A" } },
    ),
  );
}

describe("org references of compiled flows", () => {
  test("each names its kind, file, flow, node, the name after substitution and as written, and the compiled line", () => {
    const refs = orgReferencesOf(portfolio());
    const queue = refs.find((r) => r.kinds[0] === "queue")!;
    expect(queue).toMatchObject({
      name: "Sales",
      written: "{{sales_queue}}",
      file: "flows/calls/a.yaml",
      flow: "A",
      node: "ToSales",
    });
    expect(queue.line).toEqual(expect.any(Number));
    const action = refs.find((r) => r.kinds[0] === "dataAction")!;
    expect(action).toMatchObject({ name: "Get customer", category: "CRM", file: "flows/calls/b.yaml", node: "Look" });
  });

  test("a user prompt an expression plays names the prompt (not a system prompt), which the org must hold", () => {
    const flows = checkedFlowsOf(
      plan({
        "calls/p": call("P", {
          Hello: { type: "playMessage", audio: "ToAudio(Prompt.Welcome_prompt)", transitions: { next: "Beep" } },
          Beep: { type: "playMessage", audio: "ToAudio(PromptSystem.beep)", transitions: { next: "Bye" } },
          Bye: { type: "disconnect" },
        }),
      }),
    );
    const refs = orgReferencesOf(flows);
    expect(refs).toEqual([expect.objectContaining({ kinds: ["prompt"], name: "Welcome_prompt", node: "Hello" })]);
    const org = (prompts: string[]) => orgCatalog({ objects: { prompt: prompts }, dataActions: [] });
    const target = { description: "org o-1" };
    expect(orgReferenceProblems(flows, refs, org(["Welcome_prompt"]), target, new Set())).toEqual([]);
    expect(orgReferenceProblems(flows, refs, org(["Welcome"]), target, new Set())[0].message).toMatch(
      /^user prompt "Welcome_prompt" \(compiled line \d+\): org o-1 has no user prompt of that name; nearest: "Welcome"/,
    );
  });

  test("a data table a lookup reads names the table, after substitution", () => {
    const flows = checkedFlowsOf(
      plan(
        {
          "calls/t": call(
            "T",
            {
              Find: {
                type: "dataTableLookup",
                table: "{{stores_table}}",
                key: "Call.Ani",
                outputs: { city: "city" },
                transitions: { found: "Bye", notFound: "Bye", failure: "Bye" },
              },
              Bye: { type: "disconnect" },
            },
            { city: { type: "string" } },
          ),
        },
        { substitutions: { stores_table: "Stores" } },
      ),
    );
    const refs = orgReferencesOf(flows);
    expect(refs).toEqual([
      expect.objectContaining({ kinds: ["dataTable"], name: "Stores", written: "{{stores_table}}", node: "Find" }),
    ]);
    const org = orgCatalog({ objects: { dataTable: ["Stores dev"] }, dataActions: [] });
    expect(orgReferenceProblems(flows, refs, org, { description: "org o-1" }, new Set())[0].message).toMatch(
      /^data table "Stores" \(written \{\{stores_table\}\}\) \(compiled line \d+\): org o-1 has no data table of that name; nearest: "Stores dev"/,
    );
  });

  test("an org lookup in an expression names its object (FindScheduleGroup of a schedule group node), with the placeholder as written", () => {
    const flows = checkedFlowsOf(
      plan(
        {
          "calls/e": call("E", {
            Hours: {
              type: "scheduleGroup",
              scheduleGroup: "{{hours}}",
              transitions: { open: "Bye", closed: "Bye", holiday: "Bye" },
            },
            Bye: { type: "disconnect" },
          }),
        },
        { substitutions: { hours: "Main office" } },
      ),
    );
    const refs = orgReferencesOf(flows);
    expect(refs).toEqual([
      expect.objectContaining({
        kinds: ["scheduleGroup"],
        name: "Main office",
        lookup: "FindScheduleGroup",
        written: "{{hours}}",
        node: "Hours",
      }),
    ]);
    const problems = orgReferenceProblems(
      flows,
      refs,
      orgCatalog({ objects: { scheduleGroup: ["Main Office Hours"] }, dataActions: [] }),
      { description: "org o-1" },
      new Set(),
    );
    expect(problems[0].message).toMatch(
      /^schedule group "Main office" \(written \{\{hours\}\}\) \(looked up by FindScheduleGroup at run time, which gives NOT_SET when it is missing\) \(compiled line \d+\): org o-1 has no schedule group of that name; nearest: "Main Office Hours"/,
    );
  });

  test("only referenced kinds are read; a flow the stack publishes itself is not read", () => {
    const flows = portfolio();
    const refs = orgReferencesOf(flows);
    expect(referencedKinds(refs, new Set(["test-A", "test-B"]))).toEqual(["dataAction", "queue"]);
    expect(referencedKinds(refs, new Set())).toEqual(["dataAction", "flow", "queue"]);
    expect(referencedKinds([], new Set())).toEqual([]);
  });

  test("what the org lacks is one located issue each, with the nearest names the org has", () => {
    const flows = portfolio();
    const refs = orgReferencesOf(flows);
    const org = orgCatalog({
      objects: { queue: ["Sales Team", "Support"] },
      dataActions: [{ category: "CRM", name: "Get customers" }],
    });
    const problems = orgReferenceProblems(
      flows,
      refs,
      org,
      { description: "org o-1 (mypurecloud.com)" },
      new Set(["test-A", "test-B"]),
    );
    expect(problems.map((p) => [p.file, p.flow, p.node])).toEqual([
      ["flows/calls/a.yaml", "A", "ToSales"],
      ["flows/calls/b.yaml", "B", "Look"],
    ]);
    expect(problems[0].message).toMatch(
      /^queue "Sales" \(written \{\{sales_queue\}\}\) \(compiled line \d+\): org o-1 \(mypurecloud.com\) has no queue of that name; nearest: "Sales Team"/,
    );
    expect(problems[1].message).toContain('data action "CRM/Get customer"');
    expect(problems[1].message).toContain('nearest: "CRM/Get customers"');
  });

  test("an org that has everything: no issue", () => {
    const flows = portfolio();
    const org = orgCatalog({ objects: { queue: ["Sales"] }, dataActions: [{ category: "CRM", name: "Get customer" }] });
    expect(orgReferenceProblems(flows, orgReferencesOf(flows), org, { description: "o" }, new Set(["test-A"]))).toEqual(
      [],
    );
  });

  test("a module called by its published name (callModule) must be in the org, unless the stack publishes it", () => {
    const flows = checkedFlowsOf(
      plan(
        {
          "calls/m": call("M", {
            Audit: {
              type: "callModule",
              label: "Audit the call",
              module: "{{audit_module}}",
              transitions: { next: "Bye" },
            },
            Bye: { type: "disconnect" },
          }),
        },
        { substitutions: { audit_module: "Audit" } },
      ),
    );
    const refs = orgReferencesOf(flows);
    expect(refs).toEqual([
      expect.objectContaining({
        kinds: ["flow"],
        flowTypes: ["COMMONMODULE"],
        name: "Audit",
        written: "{{audit_module}}",
        file: "flows/calls/m.yaml",
        flow: "M",
        node: "Audit",
      }),
    ]);
    expect(referencedKinds(refs, new Set())).toEqual(["flow"]);
    expect(referencedKinds(refs, new Set(["Audit"]))).toEqual([]);
    const without = orgCatalog({ objects: { flow: ["Audit v2", "Sales"] }, dataActions: [] });
    const problems = orgReferenceProblems(flows, refs, without, { description: "org o-1" }, new Set());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "flows/calls/m.yaml", flow: "M", node: "Audit" });
    expect(problems[0].message).toMatch(
      /^common module "Audit" \(written \{\{audit_module\}\}\) \(compiled line \d+\): org o-1 has no common module of that name; nearest: "Audit v2"/,
    );
    expect(
      orgReferenceProblems(
        flows,
        refs,
        orgCatalog({ objects: { flow: ["Audit"] }, dataActions: [] }),
        { description: "o" },
        new Set(),
      ),
    ).toEqual([]);
    expect(orgReferenceProblems(flows, refs, without, { description: "o" }, new Set(["Audit"]))).toEqual([]);
  });

  test("a data action call that does not fit the org's contract is refused at its node", () => {
    const flows = portfolio();
    const org = orgCatalog({
      objects: { queue: ["Sales"] },
      dataActions: [
        { category: "CRM", name: "Get customer", inputs: { phone: "string" }, outputs: { fullName: "string" } },
      ],
    });
    const problems = orgReferenceProblems(
      flows,
      orgReferencesOf(flows),
      org,
      { description: "org o-1" },
      new Set(["test-A"]),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "flows/calls/b.yaml", node: "Look" });
    expect(problems[0].message).toMatch(/data action "CRM\/Get customer" has no output "name"/);
  });

  // An undescribed contract passes the check (nothing certain to refuse), and is named as unchecked.
  test("a data action whose contract the org leaves undescribed is named as unchecked, once per file, with what it lacks; never refused", () => {
    const flows = portfolio();
    const refs = orgReferencesOf(flows);
    const target = { description: "the emulator's org (orgs/local.yaml)" };
    const undescribed = orgCatalog({
      objects: { queue: ["Sales"] },
      dataActions: [{ category: "CRM", name: "Get customer" }],
    });
    expect(orgReferenceProblems(flows, refs, undescribed, target, new Set(["test-A"]))).toEqual([]);
    const unchecked = undescribedContracts([...refs, ...refs], undescribed, target);
    expect(unchecked).toEqual([
      expect.objectContaining({ file: "flows/calls/b.yaml", flow: "B", node: "Look", action: "CRM/Get customer" }),
    ]);
    expect(unchecked[0].message).toMatch(
      /^data action "CRM\/Get customer" \(compiled line \d+\): the emulator's org \(orgs\/local.yaml\) does not describe its inputs and outputs, so the inputs and outputs this flow names for it are not checked before the publish$/,
    );
    const outputsOnly = orgCatalog({
      objects: { queue: ["Sales"] },
      dataActions: [{ category: "CRM", name: "Get customer", inputs: { phone: "string" } }],
    });
    expect(undescribedContracts(refs, outputsOnly, target).map((u) => u.message)).toEqual([
      expect.stringContaining("does not describe its outputs, so the outputs this flow"),
    ]);
    const described = orgCatalog({
      objects: { queue: ["Sales"] },
      dataActions: [
        { category: "CRM", name: "Get customer", inputs: { phone: "string" }, outputs: { name: "string" } },
      ],
    });
    expect(undescribedContracts(refs, described, target)).toEqual([]);
    // A data action the org lacks is org-references' refusal, not a warning here.
    expect(undescribedContracts(refs, orgCatalog({ objects: { queue: ["Sales"] }, dataActions: [] }), target)).toEqual(
      [],
    );
    const finding = uncheckedContract(unchecked[0], "describe it");
    expect(finding).toMatchObject({
      ruleId: "archy-unknown",
      subject: "contract of data action CRM/Get customer",
      fix: "describe it",
      node: "Look",
    });
    expect(finding).not.toHaveProperty("action");
  });
});

// Architect exports repeat action names ("Transfer to ACD"): each finding about an action is at
// the node that action was compiled from, by the planner's record of it, never the last of a name.
describe("findings about actions whose names repeat are located at their own node", () => {
  const twins = () =>
    checkedFlowsOf(
      plan({
        "calls/twins": call(
          "Twins",
          {
            First: {
              type: "transferToQueue",
              label: "Transfer to ACD",
              queue: "Sales",
              transitions: { failure: "Second" },
            },
            Second: {
              type: "transferToQueue",
              label: "Transfer to ACD",
              queue: "Billing",
              transitions: { failure: "Look" },
            },
            Look: {
              type: "dataAction",
              label: "Look up",
              category: "CRM",
              action: "Get customer",
              inputs: { phone: "Call.Ani" },
              outputs: { name: "customer" },
              transitions: { success: "Again", failure: "Again", timeout: "Again" },
            },
            Again: {
              type: "dataAction",
              label: "Look up",
              category: "CRM",
              action: "Get account",
              inputs: { phone: "Call.Ani" },
              outputs: { name: "customer" },
              transitions: { success: "Bye", failure: "Bye", timeout: "Bye" },
            },
            Bye: { type: "disconnect" },
          },
          { customer: { type: "string" } },
        ),
      }),
    );

  test("org-references: each missing queue at its own transfer node", () => {
    const flows = twins();
    const refs = orgReferencesOf(flows);
    expect(refs.filter((r) => r.kinds[0] === "queue").map((r) => `${r.name} ${r.node}`)).toEqual([
      "Sales First",
      "Billing Second",
    ]);
    const problems = orgReferenceProblems(
      flows,
      refs,
      orgCatalog({
        objects: { queue: [] },
        dataActions: [
          { category: "CRM", name: "Get customer", inputs: { phone: "string" }, outputs: { name: "string" } },
          { category: "CRM", name: "Get account", inputs: { phone: "string" }, outputs: { name: "string" } },
        ],
      }),
      { description: "org o-1" },
      new Set(),
    );
    expect(problems.map((p) => `${p.node}: ${p.message.slice(0, 15)}`)).toEqual([
      'First: queue "Sales" (',
      'Second: queue "Billing"',
    ]);
  });

  test("org-references (data-action contracts): each misfit at its own data action node", () => {
    const flows = twins();
    const org = orgCatalog({
      objects: { queue: ["Sales", "Billing"] },
      dataActions: [
        { category: "CRM", name: "Get customer", inputs: { phone: "string" }, outputs: { fullName: "string" } },
        { category: "CRM", name: "Get account", inputs: { phone: "string" }, outputs: { name: "string" } },
      ],
    });
    const problems = orgReferenceProblems(flows, orgReferencesOf(flows), org, { description: "org o-1" }, new Set());
    expect(problems.map((p) => `${p.node}: ${p.message.slice(0, 40)}`)).toEqual([
      'Look: data action "CRM/Get customer" has no ou',
    ]);
    const other = orgCatalog({
      objects: { queue: ["Sales", "Billing"] },
      dataActions: [
        { category: "CRM", name: "Get customer", inputs: { phone: "string" }, outputs: { name: "string" } },
        { category: "CRM", name: "Get account", inputs: { phone: "string" }, outputs: { fullName: "string" } },
      ],
    });
    expect(
      orgReferenceProblems(flows, orgReferencesOf(flows), other, { description: "org o-1" }, new Set()).map(
        (p) => p.node,
      ),
    ).toEqual(["Again"]);
  });

  test("without the planner's record, a repeated name is not guessed: the finding names the flow only", () => {
    const flows = twins().map(({ actionNodes: _actionNodes, ...f }) => f);
    const refs = orgReferencesOf(flows).filter((r) => r.kinds[0] === "queue");
    expect(refs.map((r) => r.node)).toEqual([undefined, undefined]);
  });
});

describe("reading the org's objects", () => {
  const lister = (lists: Record<string, unknown[]>, gets: Record<string, unknown> = {}) => {
    const calls: string[] = [];
    const api: PagedLister = {
      async all<T>(path: string, query?: Record<string, unknown>) {
        calls.push(
          `all ${path}${query && Object.keys(query).length ? `?${new URLSearchParams(query as Record<string, string>)}` : ""}`,
        );
        if (!(path in lists)) throw Object.assign(new Error(`GET ${path} answered HTTP 403`), { status: 403 });
        return lists[path] as T[];
      },
      async get<T>(path: string) {
        calls.push(`get ${path}`);
        return gets[path] as T | undefined;
      },
    };
    return { api, calls };
  };

  test("one list per kind asked, and the contract of each referenced data action", async () => {
    const { api, calls } = lister(
      {
        "/api/v2/routing/queues": [{ id: "q1", name: "Sales" }],
        "/api/v2/integrations/actions": [
          { id: "a1", name: "Get customer", category: "CRM" },
          { id: "a2", name: "Other", category: "CRM" },
        ],
      },
      {
        "/api/v2/integrations/actions/a1": {
          id: "a1",
          name: "Get customer",
          category: "CRM",
          contract: {
            input: { inputSchema: { properties: { phone: { type: "string" } } } },
            output: {
              successSchema: { properties: { details: { type: "object", properties: { code: { type: "integer" } } } } },
            },
          },
        },
      },
    );
    const read = await readOrgObjects(api, ["queue", "dataAction"], new Set(["CRM/Get customer"]));
    expect(calls.sort()).toEqual([
      "all /api/v2/integrations/actions",
      "all /api/v2/routing/queues",
      "get /api/v2/integrations/actions/a1",
    ]);
    expect(read.catalog.has("queue", "Sales")).toBe(true);
    expect(read.catalog.dataAction("CRM", "Get customer")).toEqual({
      category: "CRM",
      name: "Get customer",
      inputs: { phone: "string" },
      outputs: { "details.code": "integer" },
    });
    expect(read.catalog.dataAction("CRM", "Other")).toEqual({ category: "CRM", name: "Other" });
  });

  test("nothing asked, nothing read", async () => {
    const { api, calls } = lister({});
    await readOrgObjects(api, []);
    expect(calls).toEqual([]);
  });

  test("a refused list names the permission the OAuth client's role needs and the kind", async () => {
    const { api } = lister({});
    await expect(readOrgObjects(api, ["scheduleGroup"])).rejects.toThrow(
      new OrgReadError(
        "scheduleGroup",
        "cannot read the org's scheduleGroups (GET /api/v2/architect/schedulegroups): the OAuth client's role lacks routing:scheduleGroup:view, which GET /api/v2/architect/schedulegroups requires",
      ),
    );
  });

  test("contract schemas as Archy names them: nested objects dotted, arrays of scalars as collections", () => {
    expect(
      archyFieldsOf({
        properties: {
          a: { type: "number" },
          b: { type: "array", items: { type: "string" } },
          c: { type: "object", properties: { d: { type: "boolean" } } },
          e: { type: "array", items: { type: "object" } },
        },
      }),
    ).toEqual({ a: "decimal", b: "stringCollection", "c.d": "boolean", e: "json" });
    expect(archyFieldsOf({ type: "object" })).toBeUndefined();
  });
});

describe("the program's run checks the flows it publishes", () => {
  const portfolioOf = () =>
    plan(
      {
        "calls/a": call("A", {
          ToSales: { type: "transferToQueue", queue: "Sales", transitions: { failure: "Bye" } },
          Bye: { type: "disconnect" },
        }),
        "calls/b": call("B", {
          ToGone: { type: "transferToQueue", queue: "Gone", transitions: { failure: "Bye" } },
          Bye: { type: "disconnect" },
        }),
      },
      {},
    );
  const reader = () => {
    const calls: string[] = [];
    const connect = async () => ({
      target: "the test org",
      api: {
        async all<T>(path: string) {
          calls.push(path);
          return (path === "/api/v2/routing/queues" ? [{ id: "q1", name: "Sales" }] : []) as T[];
        },
        async get<T>() {
          return undefined as T | undefined;
        },
      } as PagedLister,
    });
    return { connect, calls };
  };

  test("a flow the run leaves as it is is not checked: its missing queue refuses nothing, and nothing is read", async () => {
    const { connect, calls } = reader();
    const outcome = await checkOrgReferences(portfolioOf(), connect, { publishing: new Set(["calls/a"]) });
    expect(outcome.problems).toEqual([]);
    expect(outcome.refusal).toBeUndefined();
    expect(calls).toEqual(["/api/v2/routing/queues"]);
    const none = reader();
    expect((await checkOrgReferences(portfolioOf(), none.connect, { publishing: new Set() })).references).toBe(0);
    expect(none.calls).toEqual([]);
  });

  test("a flow it publishes is, and so is every flow when the run's changes are not given (lint, verify)", async () => {
    for (const publishing of [new Set(["calls/b"]), undefined]) {
      const { connect } = reader();
      const outcome = await checkOrgReferences(portfolioOf(), connect, { ...(publishing ? { publishing } : {}) });
      expect(outcome.problems.map((p) => p.file)).toEqual(["flows/calls/b.yaml"]);
      expect(outcome.refusal).toContain('queue "Gone"');
    }
  });
});

describe("the emergency opt-out", () => {
  const stack = (environment: string, skip?: string) => ({
    stack: environment,
    environment,
    namePrefix: `${environment}-`,
    forceUnlock: false,
    ...(skip !== undefined ? { skipOrgReferenceCheck: skip } : {}),
  });

  test("a protected stack that skips the check is refused by rule prod-org-references, naming the stack file key", () => {
    const findings = runChecks(
      { flows: [], stack: stack("prod", "org API down, hotfix INC-42") },
      { include: (r) => r.id === "prod-org-references" },
    );
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: "prod-org-references",
        file: "Pulumi.prod.yaml",
        field: "genesys-flows:skipOrgReferenceCheck",
        message: expect.stringContaining('skips the org-reference check ("org API down, hotfix INC-42")'),
      }),
    ]);
  });

  test("other stacks may skip it; no stack that runs it is refused", () => {
    expect(
      runChecks({ flows: [], stack: stack("dev", "org API down") }, { include: (r) => r.id === "prod-org-references" }),
    ).toEqual([]);
    expect(runChecks({ flows: [], stack: stack("prod") }, { include: (r) => r.id === "prod-org-references" })).toEqual(
      [],
    );
  });

  test("the setting must give a reason", () => {
    expect(() => settings({ skipOrgReferenceCheck: "  " })).toThrow(/the reason for skipping the org-reference check/);
    expect(settings({ skipOrgReferenceCheck: "org API down" }).skipOrgReferenceCheck).toBe("org API down");
  });
});
