// The closing account of an `up` that stopped part-way (verify/account.ts): what this run
// published, what is pending, and which callers of a module it published run which version (a
// caller a rollout in waves holds included).
import { renderRunAccount, runAccount, withOrgPublishes, type AccountFlow } from "../../verify/account";
import type { StackDeployment } from "../../org/model";

const START = Date.parse("2026-11-23T10:00:00Z");
const flow = (id: string, isModule: boolean, revision: string, calls: string[] = []): AccountFlow => ({
  id,
  file: `flows/${id}.yaml`,
  publishedName: `prod-${id}`,
  isModule,
  calls,
  revision,
});
const plan = [
  flow("m", true, "m2"),
  flow("a", false, "a2", ["m"]),
  flow("b", false, "b2", ["m"]),
  flow("c", false, "c1"),
];
const state = (revs: Record<string, [string, string]>): StackDeployment => ({
  stack: "prod",
  flows: Object.entries(revs).map(([id, [revision, modified]]) => ({
    id,
    file: `flows/${id}.yaml`,
    kind: "inboundCall",
    isModule: id === "m",
    publishedName: `prod-${id}`,
    flowId: `f-${id}`,
    revision,
    calls: [],
    modified,
  })),
});

test("a module change that failed at its second caller: module and first caller new, second pending", () => {
  const after = state({
    m: ["m2", "2026-11-23T10:00:05Z"],
    a: ["a2", "2026-11-23T10:00:09Z"],
    b: ["b1", "2026-11-20T09:00:00Z"],
    c: ["c1", "2026-11-20T09:00:00Z"],
  });
  const a = runAccount(plan, after, START);
  expect(a).toEqual({
    published: ["prod-m", "prod-a"],
    current: ["prod-c"],
    pending: ["prod-b"],
    unrecorded: [],
    modules: [{ module: "prod-m", onNew: ["prod-a"], onPrevious: ["prod-b"] }],
  });
  expect(renderRunAccount(a, "npm run up -- --stack prod")).toBe(
    [
      "The run stopped part-way. What the stack's state records now (what the next up starts from), corrected by the org where it says more:",
      "  published by this run: prod-m, prod-a",
      "  already current: prod-c",
      "  not recorded as published (the previous version, or not in the org): prod-b",
      "  module prod-m is new in the org; callers on the new version: prod-a; not yet: prod-b",
      "  the next `npm run up -- --stack prod` publishes what is not recorded (prod-b) once the cause above is fixed; nothing else is republished.",
      "",
    ].join("\n"),
  );
});

test("a flow new to the org that failed is pending; a module not published by this run is not listed", () => {
  const after = state({
    m: ["m2", "2026-11-20T09:00:00Z"],
    a: ["a2", "2026-11-20T09:00:00Z"],
    b: ["b2", "2026-11-20T09:00:00Z"],
  });
  const a = runAccount(plan, after, START);
  expect(a.pending).toEqual(["prod-c"]);
  expect(a.modules).toEqual([]);
  expect(a.published).toEqual([]);
});

test("a publish the org shows during the run, though the state missed it, is listed as published by this run, not as the previous version", () => {
  const after = state({
    m: ["m2", "2026-11-23T10:00:05Z"],
    a: ["a2", "2026-11-23T10:00:09Z"],
    b: ["b1", "2026-11-20T09:00:00Z"],
    c: ["c1", "2026-11-20T09:00:00Z"],
  });
  const org = new Map([
    ["prod-b", Date.parse("2026-11-23T10:00:12Z")],
    ["prod-c", Date.parse("2026-11-20T09:00:00Z")],
  ]);
  const a = withOrgPublishes(runAccount(plan, after, START), org, START);
  expect(a).toMatchObject({
    pending: [],
    unrecorded: ["prod-b"],
    modules: [{ module: "prod-m", onNew: ["prod-a", "prod-b"], onPrevious: [] }],
  });
  const text = renderRunAccount(a, "npm run up -- --stack prod");
  expect(text).toContain(
    "  published in the org by this run, but not recorded in the state (the run stopped before the provider read them back): prod-b\n",
  );
  expect(text).toContain("  not recorded as published (the previous version, or not in the org): none\n");
  expect(text).toContain("publishes what is not recorded (prod-b)");
  // Published before the run (another run, a person): still pending.
  expect(withOrgPublishes(runAccount(plan, after, START), new Map([["prod-b", START - 1]]), START).pending).toEqual([
    "prod-b",
  ]);
});

test("a caller a rollout in waves holds (planned on the revision it runs) is owed nothing and is not on the module's new version", () => {
  const held = [
    flow("m", true, "m2"),
    flow("a", false, "a2", ["m"]),
    { ...flow("b", false, "b1", ["m"]), held: true },
    flow("c", false, "c1"),
  ];
  const after = state({
    m: ["m2", "2026-11-23T10:00:05Z"],
    a: ["a1", "2026-11-20T09:00:00Z"],
    b: ["b1", "2026-11-20T09:00:00Z"],
    c: ["c1", "2026-11-20T09:00:00Z"],
  });
  const a = runAccount(held, after, START);
  expect(a).toEqual({
    published: ["prod-m"],
    current: ["prod-b", "prod-c"],
    pending: ["prod-a"],
    unrecorded: [],
    modules: [{ module: "prod-m", onNew: [], onPrevious: ["prod-a"], held: ["prod-b"] }],
  });
  expect(renderRunAccount(a, "npm run up -- --stack prod")).toContain(
    "  module prod-m is new in the org; callers on the new version: none; not yet: prod-a; held on the previous one by its rollout in waves: prod-b\n",
  );
});
