// The org objects a team declares (objects/<kind folder>/<name>.yaml, docs/objects.md), the pure
// cores: the file (its kind from its folder), the plan (named by the stack's substitutions, no
// prefix; its per-stack values under genesys-flows:objects), and what a run does with each
// (planner/objects/decisions.ts: adopt the org's object of its name, as it is or with the fields the next up
// writes; keep one in use). Fixtures are written here.
import { parseRoutingText } from "../../model/routing/load";
import { formatIssue } from "../../model/errors";
import { issuesOf } from "../../testkit/portfolio";
import { planRouting, routingObjectsOf } from "../../planner/routing";
import { parseStackSettings } from "../../planner/stackSettings";
import {
  decideObjects,
  decisionWords,
  objectsToAsk,
  usageWords,
  withDecision,
  type Usage,
} from "../../planner/objects/decisions";
import type { DeployedRouting } from "../../org/model";

const QUEUE = 'name: "{{sales_queue}}"\ndescription: Sales team\n';
const objects = (files: Record<string, string>) =>
  Object.entries(files).map(([file, text]) => ({
    id: file.replace(/^(objects|routing)\//, "").replace(/\.yaml$/, ""),
    file,
    text,
  }));
const settings = (raw: Record<string, unknown> = {}) =>
  parseStackSettings(
    { environment: "dev", namePrefix: "dev-", substitutions: { sales_queue: "Sales dev" }, ...raw },
    "Pulumi.dev.yaml",
  );
const plan = (files: Record<string, string>, s = settings()) =>
  planRouting({ settings: s, sources: objects(files), flows: [], stackFile: "Pulumi.dev.yaml" });

const messages = (f: () => unknown): string[] => issuesOf(f).map(formatIssue);

describe("an org object's file", () => {
  it("is of the kind its folder says, with the provider's defaults", () => {
    const q = parseRoutingText(QUEUE, "objects/queues/sales.yaml");
    expect(q.id).toBe("queues/sales");
    expect(q.value).toMatchObject({
      kind: "queue",
      name: "{{sales_queue}}",
      acwWrapupPrompt: "MANDATORY_TIMEOUT",
      skillEvaluationMethod: "ALL",
      autoAnswerOnly: true,
    });
    expect(parseRoutingText("name: Spanish\n", "objects/languages/es.yaml").value).toEqual({
      kind: "languageSkill",
      name: "Spanish",
    });
  });

  it("names its file, line and field when it does not load", () => {
    expect(messages(() => parseRoutingText("name: X\n", "objects/queue/x.yaml"))).toEqual([
      "objects/queue/x.yaml:1:1: objects/queue/ is not an org object kind's folder " +
        "(objects/queues/, objects/skills/, objects/languages/, objects/wrapup-codes/, objects/prompts/, " +
        "objects/data-tables/, objects/data-actions/)",
    ]);
    expect(messages(() => parseRoutingText("kind: skill\nname: X\n", "objects/queues/x.yaml"))).toEqual([
      'objects/queues/x.yaml:1:1: field "kind": the folder objects/queues/ holds queues (kind queue)',
    ]);
    expect(messages(() => parseRoutingText("kind: queue\nname: X\n", "routing/queues/x.yaml"))).toEqual([
      'routing/queues/x.yaml:1:1: field "kind": a queue is declared under objects/queues/, not here',
    ]);
    expect(messages(() => parseRoutingText("name: X\ndescription: no\n", "objects/skills/x.yaml"))[0]).toMatch(
      /^objects\/skills\/x\.yaml:2:1: field "description": unknown key/,
    );
  });
});

describe("the plan of a stack's org objects", () => {
  it("names each with the stack's substitutions, never its prefix, as a resource of its own root", () => {
    const [q] = plan({ "objects/queues/sales.yaml": QUEUE }).objects;
    expect(q).toMatchObject({
      kind: "queue",
      publishedName: "Sales dev",
      resourceName: "objects/queues/sales",
      retainOnDelete: false,
    });
    // The org-reference check counts it as there.
    expect(routingObjectsOf([q]).get("queue")).toEqual(new Set(["Sales dev"]));
  });

  it("takes its per-stack values and exclusions from genesys-flows:objects, never adopt or a kept name", () => {
    const s = settings({
      objects: { objects: { "queues/sales": { acwWrapupPrompt: "OPTIONAL" } }, exclude: ["skills/*"] },
    });
    const planned = plan(
      { "objects/queues/sales.yaml": QUEUE, "objects/skills/es.yaml": "name: Spanish\n" },
      s,
    ).objects;
    expect(
      planned.map((o) => [o.id, o.kind === "queue" && o.value.kind === "queue" ? o.value.acwWrapupPrompt : ""]),
    ).toEqual([["queues/sales", "OPTIONAL"]]);
    expect(
      messages(() =>
        plan(
          { "objects/queues/sales.yaml": QUEUE },
          settings({ objects: { objects: { "queues/sales": { adopt: "q-1" }, "queues/x": {} } } }),
        ),
      ),
    ).toEqual([
      'Pulumi.dev.yaml: field "genesys-flows:objects.objects.queues/x": no object file objects/queues/x.yaml',
      'Pulumi.dev.yaml: field "genesys-flows:objects.objects.queues/sales.adopt": ' +
        "an org object is named by the stack's substitutions and adopted by that name (docs/objects.md)",
    ]);
  });

  it("refuses a name whose placeholder the stack leaves unfilled, and an id both roots hold", () => {
    expect(messages(() => plan({ "objects/queues/sales.yaml": QUEUE }, settings({ substitutions: {} })))).toEqual([
      'objects/queues/sales.yaml:1:1: field "name": {{sales_queue}} has no value in Pulumi.dev.yaml: ' +
        "set genesys-flows:substitutions.sales_queue",
    ]);
    const twin = "kind: schedule\nname: S\nstart: 2026-01-05T08:00:00\nend: 2026-01-05T18:00:00\n";
    expect(messages(() => plan({ "routing/queues/sales.yaml": twin, "objects/queues/sales.yaml": QUEUE }))).toEqual([
      "objects/queues/sales.yaml: has the id queues/sales of routing/queues/sales.yaml: " +
        "ids are unique across routing/ and objects/",
    ]);
  });
});

describe("what a run does with each (planner/objects/decisions.ts)", () => {
  const [sales] = plan({ "objects/queues/sales.yaml": QUEUE }).objects;
  const asFiled = {
    id: "q-1",
    name: "Sales dev",
    description: "Sales team",
    acwSettings: { wrapupPrompt: "MANDATORY_TIMEOUT" },
    skillEvaluationMethod: "ALL",
    scoringMethod: "TimestampAndPriority",
    memberCount: 0,
  };

  it("adopts the org's object of its name as it is, and keeps it on down", () => {
    const d = decideObjects(
      [sales],
      [],
      new Map([["queue", [{ id: "q-0", name: "Sales dev", state: "deleted" }, asFiled]]]),
    ).get("queues/sales")!;
    expect(d).toEqual({ adopt: { id: "q-1", differs: [], org: {}, words: [] }, adopted: true });
    expect(withDecision(sales, d)).toMatchObject({ adopt: "q-1", adopted: { differs: [] }, retainOnDelete: true });
    expect(decisionWords(sales, d)).toEqual([
      'queue "Sales dev" is in the org (id q-1): adopted as it is (Pulumi import, no write)',
    ]);
    // Genesys names are unique whatever their case: the org's is adopted, and renamed by the next up.
    const upper = decideObjects([sales], [], new Map([["queue", [{ ...asFiled, name: "SALES DEV" }]]])).get(
      "queues/sales",
    )!;
    expect(upper.adopt).toMatchObject({ id: "q-1", differs: ["name"] });
  });

  it("says what differs, which the import leaves and the next up writes", () => {
    const d = decideObjects(
      [sales],
      [],
      new Map([["queue", [{ ...asFiled, acwSettings: { wrapupPrompt: "OPTIONAL" }, whisperPrompt: { id: "p-9" } }]]]),
    ).get("queues/sales")!;
    expect(d.adopt).toMatchObject({
      differs: ["acwWrapupPrompt", "whisperPromptId"],
      org: { acwWrapupPrompt: "OPTIONAL", whisperPromptId: "p-9" },
    });
    expect(decisionWords(sales, d)[0]).toBe(
      'queue "Sales dev" is in the org (id q-1): adopted as it is, then updated by the next up: ' +
        "wrap-up prompt: the org has OPTIONAL, objects/queues/sales.yaml says MANDATORY_TIMEOUT; " +
        "whisper: the org has p-9, objects/queues/sales.yaml says (none)",
    );
  });

  it("creates one the org lacks; keeps one in use; never adopts again what the stack deployed", () => {
    expect(decideObjects([sales], [], new Map([["queue", []]])).get("queues/sales")).toEqual({ adopted: false });
    expect(withDecision(sales, { adopted: false })).toMatchObject({ retainOnDelete: false });
    const mine: DeployedRouting = {
      id: "queues/sales",
      kind: "queue",
      file: "objects/queues/sales.yaml",
      publishedName: "Sales dev",
      objectId: "q-1",
      fields: {},
      stateFields: {},
      recorded: true,
    };
    const d = decideObjects([sales], [mine], new Map([["queue", [{ ...asFiled, memberCount: 3 }]]])).get(
      "queues/sales",
    )!;
    expect(d).toEqual({ adopted: false, inUse: "3 member(s)" });
    expect(withDecision(sales, d)).toMatchObject({ retainOnDelete: true });
    expect(withDecision(sales, d).adopt).toBeUndefined();
    expect(decisionWords(sales, d)).toEqual([
      'queue "Sales dev" is in use (3 member(s)): the stack leaves it in the org when it deletes it ' +
        "(down, or its file removed)",
    ]);
    // Adopted in an earlier run: it stays adopted (kept in the org), with nothing to import.
    expect(
      withDecision(
        sales,
        decideObjects([sales], [{ ...mine, adopted: true }], new Map([["queue", [asFiled]]])).get("queues/sales"),
      ),
    ).toMatchObject({ adopted: { differs: [] }, retainOnDelete: true });
  });

  it("keeps a queue it created while a conversation waits in it, or while that cannot be read", () => {
    const mine = { id: "queues/sales", kind: "queue" as const, objectId: "q-1" };
    expect(objectsToAsk([sales], [mine], "waiting")).toEqual([mine]);
    expect(objectsToAsk([sales], [{ ...mine, adopted: true }], "waiting")).toEqual([]);
    const org = new Map([["queue" as const, [{ ...asFiled, memberCount: 1 }]]]);
    const waiting = (w: Usage["waiting"]) =>
      decideObjects([sales], [mine], org, new Map([["q-1", { waiting: w }]])).get("queues/sales")!.inUse;
    expect(waiting(2)).toBe("1 member(s); 2 conversation(s) waiting");
    expect(waiting(0)).toBe("1 member(s)");
    expect(usageWords({ waiting: 0 })).toBeUndefined();
    expect(usageWords({ waiting: { unread: "403 missing analytics:queueObservation:view" } })).toBe(
      "its waiting conversations could not be read (403 missing analytics:queueObservation:view)",
    );
  });
});
