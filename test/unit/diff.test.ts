// Flow model diff: golden text and Markdown reports for crafted changes (rename a node, add a
// transition, change a module output's type) on the example flows, in memory (no git).
// Regenerate goldens with: UPDATE_GOLDEN=1 npx jest --selectProjects unit
import { existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { parseFlowText } from "../../components/model/loader";
import type { LoadedFlow } from "../../components/model/schema";
import { diffFlowModels, type FlowMap } from "../../components/diff/flowDiff";
import { renderDiffMarkdown, renderDiffText, mdCode } from "../../components/diff/render";

const ROOT = join(__dirname, "..", "..");
const GOLDEN = join(__dirname, "golden", "diff");
const flowFiles = readdirSync(join(ROOT, "flows")).filter((f) => f.endsWith(".yaml")).sort();
const texts = new Map(flowFiles.map((f) => [`flows/${f}`, readFileSync(join(ROOT, "flows", f), "utf8")]));

function flows(edit: (file: string, text: string) => string | undefined = (_f, t) => t): Map<string, LoadedFlow> {
  const out = new Map<string, LoadedFlow>();
  for (const [file, text] of texts) {
    const t = edit(file, text);
    if (t !== undefined) out.set(file, parseFlowText(t, file));
  }
  return out;
}

function replaceIn(target: string, from: RegExp | string, to: string) {
  return (file: string, text: string) => {
    if (file !== target) return text;
    const out = text.replace(from, to);
    if (out === text) throw new Error(`crafted change did not apply to ${file}`);
    return out;
  };
}

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

const CASES: Record<string, { base: () => FlowMap; head: () => FlowMap }> = {
  // Menu -> MainMenu: the id changes (removed + added) and the edges into it are rewired.
  "rename-node": { base: () => flows(), head: () => flows(replaceIn("flows/sales.yaml", /\bMenu\b/g, "MainMenu")) },
  // The billing flow gains the error transition of its subflow node it was missing.
  "add-transition": { base: () => flows(replaceIn("flows/billing.yaml", "      error: NotVerified\n", "")), head: () => flows() },
  // The module's accountId output becomes an integer: interface change, every caller republishes.
  "module-output-type": {
    base: () => flows(),
    head: () => flows(replaceIn("flows/verify-caller.yaml", /accountId:\n    type: string/, "accountId:\n    type: integer")),
  },
  // Field-level changes, a flow added and one removed.
  "fields-and-flows": {
    base: () => flows(),
    head: () =>
      flows((file, text) => {
        if (file === "flows/support.yaml") return undefined;
        if (file === "flows/billing.yaml") {
          return text
            .replace("prompt: Connecting you to billing.", 'prompt: "Connecting you to \\"billing\\" | now."')
            .replace('maxAttempts: "2"', 'maxAttempts: "3"\n      # tuned')
            .replace("description: Billing line for verified callers.", "description: Billing line.");
        }
        return text;
      }),
  },
  // The module's text changes but no caller has to know: still republished (its content changed).
  "module-prompt": {
    base: () => flows(),
    head: () => flows(replaceIn("flows/verify-caller.yaml", "Thank you, you are verified.", "Thanks, you are verified.")),
  },
};

describe("diff golden files (UPDATE_GOLDEN=1 rewrites them)", () => {
  it.each(Object.keys(CASES))("%s", (name) => {
    const { base, head } = CASES[name];
    const h = head();
    const diff = diffFlowModels(base(), h);
    golden(`${name}.txt`, renderDiffText(diff, { base: "main" }));
    golden(`${name}.md`, renderDiffMarkdown(diff, h, { base: "main" }));
    expect(renderDiffText(diffFlowModels(base(), head()), { base: "main" })).toBe(renderDiffText(diff, { base: "main" }));
  });
  it("has no stale golden files", () => {
    const expected = new Set(Object.keys(CASES).flatMap((n) => [`${n}.txt`, `${n}.md`]));
    for (const g of readdirSync(GOLDEN)) expect(expected.has(g)).toBe(true);
  });
});

describe("diff semantics", () => {
  it("finds nothing between identical flow sets", () => {
    const d = diffFlowModels(flows(), flows());
    expect(d.flows).toEqual([]);
    expect(d.republish).toEqual([]);
    expect(d.unchanged).toEqual([...texts.keys()].sort());
  });

  it("a renamed node is removed + added, with the transitions into it rewired", () => {
    const d = diffFlowModels(CASES["rename-node"].base(), CASES["rename-node"].head());
    expect(d.flows).toHaveLength(1);
    const f = d.flows[0];
    expect(f.nodesAdded).toEqual(["MainMenu"]);
    expect(f.nodesRemoved).toEqual(["Menu"]);
    expect(f.nodesChanged).toEqual([
      { id: "Verify", type: "subflow", fields: [], transitions: [{ transition: "completed", kind: "rewired", before: "Menu", after: "MainMenu" }] },
    ]);
    expect(d.republish).toEqual([]);
  });

  it("an added transition is reported on its node", () => {
    const d = diffFlowModels(CASES["add-transition"].base(), CASES["add-transition"].head());
    expect(d.flows[0].nodesChanged).toEqual([
      { id: "Verify", type: "subflow", fields: [], transitions: [{ transition: "error", kind: "added", after: "NotVerified" }] },
    ]);
  });

  it("a module output type change forces every caller to republish and flags the bindings it breaks", () => {
    const d = diffFlowModels(CASES["module-output-type"].base(), CASES["module-output-type"].head());
    expect(d.flows[0].interface).toEqual([
      {
        section: "outputs",
        name: "accountId",
        kind: "changed",
        fields: [{ field: "type", before: "string", after: "integer" }],
        before: { type: "string" },
        after: { type: "integer" },
      },
    ]);
    expect(d.flows[0].moduleContentChanged).toBe(true);
    expect(d.republish.map((r) => [r.file, r.callingNodes, r.callerChanged])).toEqual([
      ["flows/billing.yaml", ["Verify"], false],
      ["flows/sales.yaml", ["Verify"], false],
      ["flows/support.yaml", ["Verify"], false],
    ]);
    expect(d.republish.map((r) => r.impacts)).toEqual([
      [{ node: "Verify", message: "binds output accountId (now integer, was string) to variable billingAccount, but variable billingAccount is string" }],
      [{ node: "Verify", message: "binds output accountId (now integer, was string) to variable accountId, but variable accountId is string" }],
      [],
    ]);
  });

  it("input changes: a new required input unbound by callers; an input made required", () => {
    const head = flows(
      replaceIn(
        "flows/verify-caller.yaml",
        "inputs:\n  callerNumber:",
        "inputs:\n  language:\n    type: string\n  callerNumber:",
      ),
    );
    const d = diffFlowModels(flows(), head);
    expect(d.republish.map((r) => r.impacts.map((i) => i.message))).toEqual([
      ["does not bind the new required input language"],
      ["does not bind the new required input language"],
      ["does not bind the new required input language"],
    ]);
    const head2 = flows(replaceIn("flows/verify-caller.yaml", "    required: false\n", ""));
    const d2 = diffFlowModels(flows(), head2);
    expect(d2.flows[0].interface[0]).toMatchObject({ section: "inputs", name: "maxAttempts", kind: "changed", fields: [{ field: "required", before: false, after: true }] });
    // `required` is not part of the compiled module (it is checked by the policy): nothing republishes.
    expect(d2.flows[0].moduleContentChanged).toBe(false);
    expect(d2.republish).toEqual([]);
    expect(renderDiffText(d2)).toContain("(the module's compiled content is unchanged: callers do not republish)");
  });

  it("a module description change republishes callers (it is compiled); a comment change is no change", () => {
    // The module's description is compiled into the Archy, so it changes the content.
    const head = flows(replaceIn("flows/verify-caller.yaml", "description: Verifies the caller", "description: Checks the caller"));
    const d = diffFlowModels(flows(), head);
    expect(d.flows[0].fields).toEqual([
      {
        field: "description",
        before: "Verifies the caller with a four-digit account PIN and returns the account id.",
        after: "Checks the caller with a four-digit account PIN and returns the account id.",
      },
    ]);
    expect(d.flows[0].moduleContentChanged).toBe(true);
    expect(d.republish).toHaveLength(3);
    // A comment-only change is no change at all.
    const d2 = diffFlowModels(flows(), flows(replaceIn("flows/verify-caller.yaml", "# The shared", "# The shared, commented,")));
    expect(d2.flows).toEqual([]);
  });

  it("Markdown inline code survives backticks and pipes", () => {
    expect(mdCode("a`b")).toBe("``a`b``");
    expect(mdCode("`x")).toBe("`` `x ``");
    expect(mdCode("a|b")).toBe("`a\\|b`");
  });
});

describe("names that are also Object.prototype keys", () => {
  it("a removed module input named `constructor` or `toString` is reported as removed", () => {
    const withInputs = replaceIn(
      "flows/verify-caller.yaml",
      "inputs:\n",
      "inputs:\n  constructor:\n    type: string\n    required: false\n  toString:\n    type: string\n    required: false\n",
    );
    const diff = diffFlowModels(flows(withInputs), flows());
    const module = diff.flows.find((f) => f.file === "flows/verify-caller.yaml");
    expect(module?.interface.map((c) => [c.name, c.kind])).toEqual([
      ["constructor", "removed"],
      ["toString", "removed"],
    ]);
  });
});
