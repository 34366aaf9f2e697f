// The pull-request comment (diff/comment.ts) stays under GitHub's 65,536-character limit at any
// portfolio size and still says what changed: counts, module interface changes, forced
// republishes, every changed flow named (or how many were left out), details with the changed
// neighbourhood of each large flow while they fit, and where the full report is. Flows built here.
import fc from "fast-check";
import YAML from "yaml";
import { MAX_REVIEW_NODES } from "../../diagram/layout";
import { boundedList, COMMENT_BUDGET, GITHUB_COMMENT_LIMIT, renderDiffComment } from "../../diff/comment";
import { diffFlowModels, type FlowModelDiff } from "../../diff/flowDiff";
import { parseFlowText } from "../../model/load";
import type { LoadedFlow } from "../../model/schema";
import { MAX_BODY } from "../../tools/ci/upsertPrComment";
import { growthFlows } from "../../testkit/growFlows";

const RUN = "https://github.com/acme/flows/actions/runs/42";
const flowOf = (doc: unknown, file: string) => parseFlowText(YAML.stringify(doc), file);
const g = growthFlows();
const MODULE_FILE = "flows/growth/escalate.yaml";

/** A 3-node caller of the module, before and after its prompt changes (parsed once, renamed per flow). */
const small = (() => {
  const file = "flows/growth/small.yaml";
  const doc = (prompt: string) => ({
    kind: "inboundCall",
    name: "Small",
    variables: { ticket: { type: "string" } },
    start: "Hello",
    nodes: {
      Hello: { type: "playMessage", prompt, transitions: { next: "Call" } },
      Call: {
        type: "subflow",
        module: "GrowthEscalate",
        inputs: { reason: '"x"' },
        outputs: { ticket: "ticket" },
        transitions: { completed: "Bye", error: "Bye" },
      },
      Bye: { type: "disconnect" },
    },
  });
  return { base: flowOf(doc("Hello."), file), head: flowOf(doc("Hello again."), file) };
})();

/** `n` changed flows: 50-node flows with one node edited and one added (`big`), or 3-node ones. */
function portfolio(n: number, opts: { big?: boolean; name?: (i: number) => string } = {}) {
  const base = new Map<string, LoadedFlow>();
  const head = new Map<string, LoadedFlow>();
  const module = flowOf(g["growth/escalate.yaml"], MODULE_FILE);
  base.set(MODULE_FILE, module);
  head.set(MODULE_FILE, module);
  for (let i = 0; i < n; i++) {
    const file = `flows/growth/flow-${String(i).padStart(4, "0")}.yaml`;
    const name = opts.name?.(i) ?? `Growth${i}`;
    if (opts.big) {
      const doc = JSON.parse(JSON.stringify(g["growth/fifty-nodes.yaml"]));
      doc.name = name;
      base.set(file, flowOf(doc, file));
      doc.nodes.Step21.prompt = "A changed prompt.";
      doc.nodes.Step22b = { type: "playMessage", prompt: "An added node.", transitions: { next: "Step23" } };
      doc.nodes.Step22.transitions.success = "Step22b";
      head.set(file, flowOf(doc, file));
    } else {
      base.set(file, { file, model: { ...small.base.model, name } });
      head.set(file, { file, model: { ...small.head.model, name } });
    }
  }
  return { base, head, diff: diffFlowModels(base, head) };
}

/** The module's output type changes: every caller republishes, each with an impact. */
function interfaceChange(callers: number) {
  const { base, head } = portfolio(callers);
  for (const [file, f] of base) if (file !== MODULE_FILE) head.set(file, f);
  const changed = JSON.parse(JSON.stringify(g["growth/escalate.yaml"]));
  changed.outputs.ticket.type = "integer";
  changed.nodes.Open.value = "1";
  head.set(MODULE_FILE, flowOf(changed, MODULE_FILE));
  return { base, head, diff: diffFlowModels(base, head) };
}

const tableRows = (c: string) => c.split("\n").filter((l) => /^\| .* \| `flows\//.test(l));
const mermaidBlocks = (c: string) => [...c.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
const comment = (diff: FlowModelDiff, head: Map<string, LoadedFlow>, reportUrl: string | null = RUN) =>
  renderDiffComment(diff, head, {
    base: "origin/main",
    head: "the pull request",
    ...(reportUrl !== null ? { reportUrl } : {}),
  });

describe("the budget", () => {
  it("keeps a margin under GitHub's limit and under the cap of the comment poster", () => {
    expect(COMMENT_BUDGET + 100).toBeLessThan(MAX_BODY);
    expect(MAX_BODY).toBeLessThan(GITHUB_COMMENT_LIMIT);
  });
});

describe("a 20-flow change of 50-node flows", () => {
  const { head, diff } = portfolio(20, { big: true });
  const c = comment(diff, head);
  it("is under the budget, and deterministic", () => {
    expect(diff.flows).toHaveLength(20);
    expect(c.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(comment(diff, head)).toBe(c);
  });
  it("names every changed flow, with its node counts, and links the full report", () => {
    const rows = tableRows(c);
    expect(rows).toHaveLength(20);
    for (let i = 0; i < 20; i++)
      expect(rows[i]).toMatch(
        new RegExp(
          `^\\| Growth${i} \\| \`flows/growth/flow-${String(i).padStart(4, "0")}.yaml\` \\| changed \\| \\+1 −0 ~2 \\|`,
        ),
      );
    expect(c).toContain(
      `Full report (every change, every full diagram): the \`flow-diff-report\` artifact of [this workflow run](${RUN}).`,
    );
    expect(c).not.toMatch(/more changed flows|only in the full report/);
  });
  it("details every flow with the diagram of its changed neighbourhood, linking the full diagram", () => {
    const blocks = mermaidBlocks(c);
    expect(blocks).toHaveLength(20);
    for (const b of blocks) {
      const nodes = b.split("\n").filter((l) => /^\s+n_\w+[[({>/]/.test(l));
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.length).toBeLessThanOrEqual(MAX_REVIEW_NODES);
    }
    expect(c).toContain(
      "*The changed neighbourhood only: 5 of 51 nodes (the changed nodes and the nodes one transition away). The full diagram: `diagrams/growth/flow-0000.svg` in the `flow-diff-report` artifact",
    );
  });
});

describe("much bigger changes stay under the limit and say what they leave out", () => {
  it("2,000 changed flows: the table names as many as fit and counts the rest; details left out are counted", () => {
    const { head, diff } = portfolio(2000);
    const c = comment(diff, head);
    expect(c.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    const named = tableRows(c).length;
    expect(named).toBeGreaterThan(100);
    expect(named).toBeLessThan(2000);
    expect(c).toContain(`| … and ${2000 - named} more changed flows: see the full report |`);
    const detailed = mermaidBlocks(c).length;
    expect(detailed).toBeGreaterThan(0);
    expect(c).toMatch(
      new RegExp(
        `\\*Details of ${2000 - detailed} more flows are only in the full report: Growth${detailed}, Growth${detailed + 1}, .* \\+\\d+ more\\.\\*`,
      ),
    );
    expect(c).toContain(`[this workflow run](${RUN})`);
  });
  it("a module interface change forcing 600 callers to republish: the change is shown, the callers counted", () => {
    const { head, diff } = interfaceChange(600);
    expect(diff.republish).toHaveLength(600);
    const c = comment(diff, head);
    expect(c.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(c).toMatch(
      /^From `origin\/main` to the pull request: 0 added, 0 removed, 1 changed, 600 unchanged; 1 module interface changed; 600 callers forced to republish\.$/m,
    );
    expect(c).toContain(
      '### Module interface changes\n\n- **GrowthEscalate** (`flows/growth/escalate.yaml`): output ticket: type "string" -&gt; "integer"',
    );
    const listed = c.split("\n").filter((l) => /^- \*\*Growth\d+\*\* \(`flows\/growth\/flow-/.test(l)).length;
    expect(listed).toBeGreaterThan(10);
    expect(c).toContain(`- … and ${600 - listed} more callers: see the full report`);
    expect(c).toContain(
      "| GrowthEscalate | `flows/growth/escalate.yaml` | changed | +0 −0 ~1 | 1 change | 600 callers |",
    );
  });
  it("500 flows that fail to load are counted, not all listed", () => {
    const { head, diff } = portfolio(1);
    const problems = Array.from({ length: 500 }, (_, i) => ({
      side: "head" as const,
      file: `flows/broken-${i}.yaml`,
      message: `flows/broken-${i}.yaml: ${"x".repeat(500)}\nsecond line`,
    }));
    const c = renderDiffComment(diff, head, { base: "origin/main", loadProblems: problems, reportUrl: RUN });
    expect(c.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(c).toContain("> 500 flow files failed to load and are left out of the diff:");
    const listed = c.split("\n").filter((l) => l.startsWith("> - `flows/broken-")).length;
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThanOrEqual(20);
    expect(c).toContain(`\n> - ${500 - listed} more: see the full report.\n`);
  });
  it("what a deploy of the working tree would refuse opens the comment, bounded like the load problems; the policy config's warnings follow", () => {
    const { head, diff } = portfolio(1);
    const refusals = Array.from(
      { length: 30 },
      (_, i) =>
        `flows/calls/c${i}.yaml: node "Call" (subflow): field "module": no common module named "Lokup"; did you mean "Lookup"?`,
    );
    const warnings = [`[reachable-nodes] stack "prod": flows/calls/c0.yaml: node "Orphan": ${"x".repeat(400)}`];
    const c = renderDiffComment(diff, head, {
      base: "origin/main",
      head: "the working tree",
      refusals,
      warnings,
      reportUrl: RUN,
    });
    expect(c).toMatch(
      /^## Flow changes\n\n> \[!CAUTION\]\n> \*\*The deploy will be refused: 30 problems \(the review of the rest follows\):\*\*\n> - flows\/calls\/c0\.yaml: node "Call" \(subflow\)/,
    );
    expect(c).toContain(
      "\n> - 10 more: see the full report.\n\n> [!WARNING]\n> The stack's policy config warns (advisory: the deploy goes on): 1 finding:\n> - [reachable-nodes]",
    );
    // A long line is cut in the comment.
    expect(c.split("\n").find((l) => l.startsWith("> - [reachable-nodes]"))!.length).toBeLessThan(320);
    const withStack = renderDiffComment(diff, head, {
      base: "origin/main",
      refusals,
      stack: "prod",
      deploy: "### What `up` does to stack `prod`\n",
      reportUrl: RUN,
    });
    expect(withStack).toMatch(
      /^## Review of stack `prod`\n\n> \[!CAUTION\]\n> \*\*The deploy will be refused: 30 problems/,
    );
    expect(withStack.indexOf("The deploy will be refused")).toBeLessThan(withStack.indexOf("### What `up` does"));
  });
  it("any number of flows with any names (property): under the budget, every flow named or counted", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.string({ minLength: 1, maxLength: 200 }), (n, name) => {
        const clean = name.replace(/[\n\r]/g, " ").trim() || "N";
        const { head, diff } = portfolio(n, {
          name: (i) => `${clean.replace(/\//g, "|")}${i}`.slice(0, 200).trim() || `N${i}`,
        });
        const c = comment(diff, head);
        expect(c.length).toBeLessThanOrEqual(COMMENT_BUDGET);
        const named = tableRows(c).length;
        if (named < diff.flows.length)
          expect(c).toContain(`| … and ${diff.flows.length - named} more changed flows: see the full report |`);
        else expect(named).toBe(diff.flows.length);
      }),
      { numRuns: 12 },
    );
  });
});

describe("what a cut keeps", () => {
  /** A module under flows/modules/ (after the callers' files) whose prompt-like value changes, and `n` big changed callers of it. */
  function moduleAndCallers(n: number) {
    const { base, head } = portfolio(n, { big: true });
    base.delete(MODULE_FILE);
    head.delete(MODULE_FILE);
    const file = "flows/modules/escalate.yaml";
    base.set(file, flowOf(g["growth/escalate.yaml"], file));
    const changed = JSON.parse(JSON.stringify(g["growth/escalate.yaml"]));
    changed.nodes.Open.value = 'Append("TICKET-", Common.reason)';
    head.set(file, flowOf(changed, file));
    // Three callers that only republish: unchanged, no binding affected.
    for (let i = 0; i < 3; i++) {
      const caller = `flows/other/caller-${i}.yaml`;
      const f = { file: caller, model: { ...small.base.model, name: `Caller${i}` } };
      base.set(caller, f);
      head.set(caller, f);
    }
    return { head, diff: diffFlowModels(base, head), file };
  }

  it("the module's own change stays when the callers' details are cut, ahead of them", () => {
    const { head, diff, file } = moduleAndCallers(120);
    const c = comment(diff, head);
    expect(c.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(c).toMatch(/\*Details of \d+ more flows are only in the full report/);
    const section = c.indexOf(`### GrowthEscalate (\`${file}\`, commonModule): changed`);
    expect(section).toBeGreaterThan(0);
    expect(c.slice(section)).toContain(
      '| :yellow_circle: `Open` | `value` | `"Append(\\"T-\\", Common.reason)"` | `"Append(\\"TICKET-\\", Common.reason)"` |',
    );
    expect(section).toBeLessThan(c.indexOf("### Growth0 ("));
    // It leads the table of changed flows too.
    expect(tableRows(c)[0]).toMatch(/^\| GrowthEscalate \| `flows\/modules\/escalate\.yaml` \| changed \|/);
  });

  it("callers that only republish, unchanged and unaffected, are named last in one bounded line", () => {
    const { head, diff } = moduleAndCallers(2);
    const c = comment(diff, head);
    expect(diff.republish.filter((r) => !r.callerChanged && r.impacts.length === 0).map((r) => r.name)).toEqual([
      "Caller0",
      "Caller1",
      "Caller2",
    ]);
    expect(c.trimEnd().split("\n").pop()).toBe(
      "*3 callers republish unchanged, no binding affected: Caller0, Caller1, Caller2.*",
    );
    expect(c).not.toMatch(/- \*\*Caller0\*\*/);
  });
});

describe("without a workflow run", () => {
  it("says how to get the full report", () => {
    const { head, diff } = portfolio(1, { big: true });
    const c = comment(diff, head, null);
    expect(c).toContain(
      "Full report (every change, every full diagram): `npm run flows:diff -- --base origin/main --format markdown`.",
    );
    expect(c).not.toContain("The full diagram:");
  });
  it("no change, no table", () => {
    const { head } = portfolio(0);
    expect(comment({ flows: [], republish: [], unchanged: [MODULE_FILE] }, head)).toMatch(/No flow changes\.\n$/);
  });
});

describe("boundedList", () => {
  it("keeps items while they fit, then counts the rest", () => {
    expect(boundedList(["a", "b", "c"], 100)).toBe("a, b, c");
    expect(boundedList(["alpha", "beta", "gamma", "delta"], 20)).toBe("alpha, beta +2 more");
    expect(boundedList(["a".repeat(50)], 10)).toBe("+1 more");
  });
});
