// The benchmark's generators (bench/flows.ts): its portfolio plans, and the set it expects a module
// change to republish (worked out from the generator) is the set whose revision the planner changes.
import { affectedBy, BENCH_SUBSTITUTIONS, benchPortfolio, caller, CHANGED_MODULE, changedModuleText, syntheticInbound, MODULE_FILES } from "../../bench/flows";
import { planPortfolio, type FlowSource } from "../../planner/portfolio";
import { parseStackSettings } from "../../planner/stackSettings";

const settings = parseStackSettings({ environment: "local", namePrefix: "local-", substitutions: BENCH_SUBSTITUTIONS }, "bench");
const sourcesOf = (files: Record<string, string>): FlowSource[] =>
  Object.entries(files).map(([file, text]) => ({ id: file.replace(/\.yaml$/, ""), file: `flows/${file}`, text }));
const plan = (files: Record<string, string>) => planPortfolio({ stack: "local", settings, sources: sourcesOf(files) });

describe("bench portfolio", () => {
  it("has two modules and N callers of four kinds, and plans", () => {
    const p = plan(benchPortfolio(8));
    expect(p.flows).toHaveLength(10);
    expect(p.flows.slice(0, 2).map((f) => f.model.name)).toEqual(["Lookup", "Verify"]);
    expect(new Set(p.flows.map((f) => f.model.kind))).toEqual(new Set(["commonModule", "inboundCall", "inboundEmail", "inboundShortMessage"]));
    expect(caller(1).kind).toBe("call-verify");
    expect(caller(5).kind).toBe("call-verify");
  });

  it.each([1, 4, 10])("a change to Verify changes the revision of exactly affectedBy (N = %i)", (n) => {
    const files = benchPortfolio(n);
    const before = new Map(plan(files).flows.map((f) => [f.model.name, f.revision]));
    const changed = { ...files, [CHANGED_MODULE.file]: changedModuleText(files[CHANGED_MODULE.file], "Changed prompt.") };
    const moved = plan(changed).flows.filter((f) => before.get(f.model.name) !== f.revision).map((f) => f.model.name).sort();
    expect(moved).toEqual(affectedBy("Verify", n));
    expect(moved.length).toBeLessThan(n + 2);
  });

  it("a change to Lookup reaches every flow", () => {
    expect(affectedBy("Lookup", 6)).toHaveLength(8);
  });

  it("synthetic flows of the core scenarios plan (1,900 nodes: the largest, under the compiler's cap)", () => {
    const p = plan({ ...MODULE_FILES, "calls/synthetic.yaml": syntheticInbound("Synthetic", 1900) });
    expect(p.flows).toHaveLength(3);
  });
});
