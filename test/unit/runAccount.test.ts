// The closing account of an `up` that stopped part-way (verify/account.ts): what this run
// published, what is pending, and which callers of a module it published run which version.
import { renderRunAccount, runAccount, type AccountFlow } from "../../verify/account";
import type { StackDeployment } from "../../org/model";

const START = Date.parse("2026-11-23T10:00:00Z");
const flow = (id: string, isModule: boolean, revision: string, calls: string[] = []): AccountFlow => ({ id, file: `flows/${id}.yaml`, publishedName: `prod-${id}`, isModule, calls, revision });
const plan = [flow("m", true, "m2"), flow("a", false, "a2", ["m"]), flow("b", false, "b2", ["m"]), flow("c", false, "c1")];
const state = (revs: Record<string, [string, string]>): StackDeployment => ({
  stack: "prod",
  flows: Object.entries(revs).map(([id, [revision, modified]]) => ({ id, file: `flows/${id}.yaml`, kind: "inboundCall", isModule: id === "m", publishedName: `prod-${id}`, flowId: `f-${id}`, revision, calls: [], modified })),
});

test("a module change that failed at its second caller: module and first caller new, second pending", () => {
  const after = state({ m: ["m2", "2026-11-23T10:00:05Z"], a: ["a2", "2026-11-23T10:00:09Z"], b: ["b1", "2026-11-20T09:00:00Z"], c: ["c1", "2026-11-20T09:00:00Z"] });
  const a = runAccount(plan, after, START);
  expect(a).toEqual({ published: ["prod-m", "prod-a"], current: ["prod-c"], pending: ["prod-b"], modules: [{ module: "prod-m", onNew: ["prod-a"], onPrevious: ["prod-b"] }] });
  expect(renderRunAccount(a, "npm run up -- --stack prod")).toBe(
    [
      "The run stopped part-way. What the stack's state records now (what the next up starts from):",
      "  published by this run: prod-m, prod-a",
      "  already current: prod-c",
      "  not recorded as published (the previous version, or not in the org): prod-b",
      "  module prod-m is new in the org; callers recorded on the new version: prod-a; not yet: prod-b",
      "  the next `npm run up -- --stack prod` publishes what is not recorded (prod-b) once the cause above is fixed; nothing else is republished.",
      "",
    ].join("\n"),
  );
});

test("a flow new to the org that failed is pending; a module not published by this run is not listed", () => {
  const after = state({ m: ["m2", "2026-11-20T09:00:00Z"], a: ["a2", "2026-11-20T09:00:00Z"], b: ["b2", "2026-11-20T09:00:00Z"] });
  const a = runAccount(plan, after, START);
  expect(a.pending).toEqual(["prod-c"]);
  expect(a.modules).toEqual([]);
  expect(a.published).toEqual([]);
});
