// flows:diff CLI against a real (temporary) git repository holding a copy of the fixture
// portfolio (flows in subfolders, a module calling a module): base flows read with git, the
// working tree compared with them; --stack narrows and substitutes both sides by that side's
// stack file; load errors, and what a deploy of the working tree would refuse, exit 1 with the
// located message; bad refs and usage exit 2.
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { flowNode } from "../../model/nodes";
import { main, run } from "../../tools/flowsDiff";
import { commitAsMain, copyPortfolio, editFile, gitIn, runMain } from "../../testkit/fixtureProject";
import { tempProject } from "../../testkit/tempProject";

let repo: string;
const git = (...args: string[]) => gitIn(repo, ...args);
const diff = (...argv: string[]) => runMain(main, ["--root", repo, ...argv]);

beforeEach(() => {
  repo = copyPortfolio("flows-diff-");
  // A stack that leaves the digital flows out (and gives the placeholders of the others a value).
  writeFileSync(
    join(repo, "Pulumi.calls.yaml"),
    "config:\n  genesys-flows:environment: calls\n  genesys-flows:exclude: [digital/**]\n  genesys-flows:substitutions: {brand: Acme, sales_queue: Sales}\n",
  );
  commitAsMain(repo);
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe("flows:diff", () => {
  it("reports no changes on a clean tree (exit 0)", () => {
    const r = diff("--base", "main");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "Flow changes from main to the working tree: 0 added, 0 removed, 0 changed, 6 unchanged\n\nNo flow changes.\n",
    );
  });

  it("a change to the inner module lists the outer module and the callers of both as forced to republish", () => {
    editFile(repo, "flows/modules/lookup.yaml", `tier: '"gold"'`, `tier: '"silver"'`);
    const r = diff("--base", "main");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '~ flows/modules/lookup.yaml (commonModule "Lookup")\n    ~ node Found (return)\n        outputs.tier: "\\"gold\\"" -> "\\"silver\\""\n',
    );
    const forced = r.out.slice(r.out.indexOf("Callers forced to republish:"), r.out.indexOf("Journeys that change"));
    expect(forced.split("\n").filter((l) => /^ {2}\S/.test(l))).toEqual([
      '  flows/digital/email.yaml ("Email", calls Lookup from Lookup)',
      '  flows/modules/verify.yaml ("Verify", calls Lookup from Lookup)',
      '  flows/calls/sales.yaml ("Sales", calls Verify from Verify)',
    ]);
    expect(forced).toContain(
      "why: module Verify (flows/modules/verify.yaml) is compiled with module Lookup, which changes, so it publishes new content",
    );
    // Only the modules' returned tier changes: no caller's outcome or prompts do (behaviour/journeyDiff.ts).
    const journeys = r.out.slice(r.out.indexOf("Journeys that change"));
    expect(journeys.split("\n").filter((l) => /^ {2}\S.*(journeys change|journey changes)/.test(l))).toEqual([
      '  modules/lookup (flows/modules/lookup.yaml): 1 journey changes (of 2 before, 2 now): returns "completed" (tier "gold") → returns "completed" (tier "silver") (1)',
      '  modules/verify (flows/modules/verify.yaml): 3 journeys change (of 13 before, 13 now): returns "completed" (tier "gold", verified true) → returns "completed" (tier "silver", verified true) (3)',
    ]);
    expect(journeys).toContain('returns "completed" (tier "gold") → returns "completed" (tier "silver")');
  });

  it("--stack compares only the flows that stack deploys, on each side", () => {
    editFile(repo, "flows/modules/lookup.yaml", `tier: '"gold"'`, `tier: '"silver"'`);
    editFile(repo, "flows/digital/chat.yaml", "type: disconnect", "type: disconnect\n    label: Done");
    const all = diff("--base", "main");
    expect(all.out).toMatch(
      /^Flow changes from main to the working tree: 0 added, 0 removed, 2 changed, 4 unchanged\n/,
    );
    const calls = diff("--base", "main", "--stack", "calls");
    expect(calls.code).toBe(0);
    expect(calls.out).toMatch(
      /^What up does to stack calls \(from main to the working tree\): 0 replaced, 0 deleted, 0 created, 1 published, 2 republished for a module, 1 unchanged\n/,
    );
    expect(calls.out).toMatch(
      /^Flow changes from main to the working tree: 0 added, 0 removed, 1 changed, 3 unchanged\n/m,
    );
    expect(calls.out).toContain(
      '  republish flows/modules/verify.yaml: "Verify"\n      is compiled with module Lookup, which changes\n',
    );
    expect(calls.out).not.toContain("flows/digital/");
    expect(calls.out).toContain('  flows/modules/verify.yaml ("Verify", calls Lookup from Lookup)');
    // A stack file in neither side is a usage error.
    const none = diff("--base", "main", "--stack", "nope");
    expect(none.code).toBe(2);
    expect(none.err).toBe("flows:diff: no stack file Pulumi.nope.yaml in the working tree or at main\n");
  });

  it("--stack sees a change to the stack file: a substitution value shows as the change it makes to the flows", () => {
    editFile(repo, "Pulumi.test.yaml", "sales_queue: Sales VIP", "sales_queue: Sales Gold");
    // Without a stack the flows are compared as written: no change.
    expect(diff("--base", "main").out).toMatch(
      /^Flow changes from main to the working tree: 0 added, 0 removed, 0 changed, 6 unchanged\n/,
    );
    const r = diff("--base", "main", "--stack", "test");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '~ flows/calls/sales.yaml (inboundCall "Sales")\n    ~ node ToSales (transferToQueue)\n        queue: "Sales VIP" -> "Sales Gold"\n',
    );
    // A stack file only in the working tree: the base deployed nothing of that stack (exit 1, located; every flow created).
    writeFileSync(
      join(repo, "Pulumi.fresh.yaml"),
      "config:\n  genesys-flows:environment: fresh\n  genesys-flows:substitutions: {brand: B, sales_queue: S, support_queue: T}\n",
    );
    const fresh = diff("--base", "main", "--stack", "fresh");
    expect(fresh.code).toBe(1);
    expect(fresh.err).toBe(
      "at main: Pulumi.fresh.yaml: no such file at main; the review compares the stack with nothing deployed (every flow it selects is created): check the base ref, or that the stack is new\n",
    );
    expect(fresh.out).toMatch(
      /^What up does to stack fresh \(from main to the working tree\): 0 replaced, 0 deleted, 6 created, 0 published, 0 republished for a module, 0 unchanged\n/,
    );
    expect(fresh.out).toMatch(
      /^Flow changes from main to the working tree: 6 added, 0 removed, 0 changed, 0 unchanged\n/m,
    );
  });

  it("--stack refuses what flows:compile and lint refuse: a stack file problem, and a core finding in the working tree (exit 1, the flows still compared)", () => {
    editFile(repo, "Pulumi.test.yaml", "    calls/sales:", "    calls/sale:");
    const typo = diff("--base", "main", "--stack", "test");
    expect(typo.code).toBe(1);
    expect(typo.err).toBe(
      'Pulumi.test.yaml: field "genesys-flows:flows.calls/sale": no flow file flows/calls/sale.yaml; did you mean "calls/sales"?; per-flow settings are keyed by the flow file\'s path under flows/ without .yaml\n',
    );
    git("checkout", "--", "Pulumi.test.yaml");
    editFile(repo, "flows/modules/verify.yaml", "maxLoops: 3", "maxLoops: 4");
    editFile(repo, "flows/calls/sales.yaml", "module: Verify", "module: Verfy");
    const r = diff("--base", "main", "--stack", "test");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^flows\/calls\/sales\.yaml: node "Verify" \(subflow\): field "module": no common module named "Verfy"; did you mean "Verify"\?/,
    );
    // The refusal leads the report, before what up does.
    expect(r.out).toMatch(
      /^The deploy will be refused: 1 problem \(the review of the rest follows\):\n {2}flows\/calls\/sales\.yaml: node "Verify" \(subflow\)/,
    );
    expect(r.out).toContain('~ flows/calls/sales.yaml (inboundCall "Sales")');
    expect(r.out).toContain('~ flows/modules/verify.yaml (commonModule "Verify")');
  });

  it("flows added and removed in subfolders, as text and as Markdown with highlighted diagrams", () => {
    editFile(repo, "flows/calls/sales.yaml", /\bIsVerified\b/g, "Check");
    unlinkSync(join(repo, "flows", "queue", "hold.yaml"));
    mkdirSync(join(repo, "flows", "billing"));
    writeFileSync(
      join(repo, "flows", "billing", "main.yaml"),
      "kind: inboundCall\nname: Billing\nstart: Bye\nnodes:\n  Bye:\n    type: disconnect\n",
    );
    const r = diff("--base", "main");
    expect(r.code).toBe(0);
    expect(r.out).toContain('\n+ flows/billing/main.yaml (inboundCall "Billing") added, 1 node\n');
    expect(r.out).toContain('\n- flows/queue/hold.yaml (inQueueCall "Hold") removed, 2 nodes\n');
    expect(r.out).toContain(
      '~ flows/calls/sales.yaml (inboundCall "Sales")\n    + node Check\n    - node IsVerified\n    ~ node Verify (subflow)\n        transition completed: IsVerified -> Check\n',
    );
    const outFile = join(repo, "diff.md");
    const md = diff("--base", "HEAD", "--format", "markdown", "--out", outFile);
    expect(md.code).toBe(0);
    expect(md.out).toBe(`wrote ${outFile}\n`);
    const text = readFileSync(outFile, "utf8");
    expect(text).toMatch(
      /^## Flow changes\n\nFrom `HEAD` to the working tree: 1 added, 1 removed, 1 changed, 4 unchanged\./,
    );
    expect(text).toContain("### Sales (`flows/calls/sales.yaml`, inboundCall): changed");
    expect(text).toMatch(/^ {2}class n_Check added$/m);
    expect(text).toMatch(/^ {2}class n_Verify changed$/m);
    expect(text).toContain('removed_nodes["removed: IsVerified"]');
  });

  it("reports a flow that fails to load (file, place, loader message), diffs the rest, and exits 1", () => {
    editFile(repo, "flows/calls/sales.yaml", "prompt: Connecting you to sales.", "promt: Connecting you to sales.");
    editFile(repo, "flows/modules/verify.yaml", "maxLoops: 3", "maxLoops: 4");
    const r = diff("--base", "main");
    expect(r.code).toBe(1);
    const keys = Object.keys(flowNode.options.find((o) => o.shape.type.value === "transferToQueue")!.shape).sort();
    expect(r.err).toBe(
      `flows/calls/sales.yaml: node "ToSales" (transferToQueue): field "promt": unknown key; did you mean "prompt"? Valid keys here: ${keys.join(", ")}\n`,
    );
    expect(r.out).toContain(
      'Flows that failed to load (left out of the diff):\n  flows/calls/sales.yaml at the working tree:\n    flows/calls/sales.yaml: node "ToSales"',
    );
    // The other flows are still compared; the broken one is neither added nor removed.
    expect(r.out).toContain('~ flows/modules/verify.yaml (commonModule "Verify")');
    expect(r.out).not.toMatch(/^[-+] flows\/calls\/sales\.yaml/m);
  });

  it("a flow broken at the base is reported with the ref", () => {
    editFile(repo, "flows/digital/chat.yaml", "kind: inboundShortMessage", "kind: inboundSms");
    git("commit", "-qam", "broken");
    editFile(repo, "flows/digital/chat.yaml", "kind: inboundSms", "kind: inboundShortMessage");
    const r = diff("--base", "main");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^at main: flows\/digital\/chat\.yaml: flow "Chat": field "kind": unknown flow kind "inboundSms"; valid flow kinds: /,
    );
    expect(r.out).toContain("  flows/digital/chat.yaml at main:\n");
  });

  it("--comment writes the bounded pull-request comment linking --report-url; --diagrams each changed flow's full diagram", () => {
    editFile(repo, "flows/digital/chat.yaml", "type: disconnect", "type: disconnect\n    label: Done");
    const out = tempProject({}, { prefix: "flows-diff-out-" });
    const r = diff(
      "--base",
      "main",
      "--format",
      "markdown",
      "--out",
      join(out, "report.md"),
      "--comment",
      join(out, "comment.md"),
      "--report-url",
      "https://github.com/acme/flows/actions/runs/7",
      "--diagrams",
      join(out, "diagrams"),
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const comment = readFileSync(join(out, "comment.md"), "utf8");
    expect(r.out).toContain(`wrote ${join(out, "comment.md")} (${comment.length} characters)\n`);
    expect(comment).toMatch(
      /^## Flow changes\n\nFrom `main` to the working tree: 0 added, 0 removed, 1 changed, 5 unchanged;/,
    );
    expect(comment).toContain("[this workflow run](https://github.com/acme/flows/actions/runs/7)");
    expect(comment).toContain("| Chat | `flows/digital/chat.yaml` | changed | +0 −0 ~1 |  |  |");
    expect(comment).toContain("```mermaid\n");
    const page = readFileSync(join(out, "diagrams", "digital", "chat.md"), "utf8");
    expect(page).toMatch(/^# Chat \(flows\/digital\/chat.yaml\): changed\n\n```mermaid\nflowchart TD\n/);
    expect(page).toMatch(/^ {2}class n_Done changed$/m);
    expect(readFileSync(join(out, "report.md"), "utf8")).toMatch(/^## Flow changes\n/);
  });

  it("--org adds the callers outside that stack to the report and to the comment; without credentials it says they were not checked", async () => {
    editFile(repo, "flows/modules/lookup.yaml", `tier: '"gold"'`, `tier: '"silver"'`);
    writeFileSync(
      join(repo, "Pulumi.prod.yaml"),
      "config:\n  genesys-flows:environment: production\n  genesys-flows:namePrefix: prod-\n",
    );
    const out = tempProject({}, { prefix: "flows-diff-org-" });
    let text = "";
    let err = "";
    const saved = {
      id: process.env.GENESYSCLOUD_OAUTHCLIENT_ID,
      secret: process.env.GENESYSCLOUD_OAUTHCLIENT_SECRET,
      token: process.env.GENESYSCLOUD_ACCESS_TOKEN,
    };
    delete process.env.GENESYSCLOUD_OAUTHCLIENT_ID;
    delete process.env.GENESYSCLOUD_OAUTHCLIENT_SECRET;
    delete process.env.GENESYSCLOUD_ACCESS_TOKEN;
    let code: number;
    try {
      code = await run(
        [
          "--root",
          repo,
          "--base",
          "main",
          "--format",
          "markdown",
          "--org",
          "prod",
          "--out",
          join(out, "report.md"),
          "--comment",
          join(out, "comment.md"),
        ],
        {
          out: { write: (s: string) => ((text += s), true) },
          err: { write: (s: string) => ((err += s), true) },
        } as never,
      );
    } finally {
      for (const [k, v] of [
        ["GENESYSCLOUD_OAUTHCLIENT_ID", saved.id],
        ["GENESYSCLOUD_OAUTHCLIENT_SECRET", saved.secret],
        ["GENESYSCLOUD_ACCESS_TOKEN", saved.token],
      ] as const) {
        if (v !== undefined) process.env[k] = v;
      }
    }
    expect(err).toBe("");
    expect(code).toBe(0);
    const report = readFileSync(join(out, "report.md"), "utf8");
    const comment = readFileSync(join(out, "comment.md"), "utf8");
    const section = report.slice(report.lastIndexOf("\n### Callers outside the stack `prod`"));
    expect(section).toMatch(/^\n### Callers outside the stack `prod`\n\n> \[!NOTE\]\n> Not checked: /);
    expect(comment.endsWith(section)).toBe(true);
    expect(text).toBe(
      `wrote ${join(out, "comment.md")} (${comment.length - section.length} characters)\nwrote ${join(out, "report.md")}\n`,
    );
  });

  it("--images without a browser: a warning, the Markdown pages, exit 0 (pictures never hold up the diff)", () => {
    editFile(repo, "flows/digital/chat.yaml", "type: disconnect", "type: disconnect\n    label: Done");
    const out = tempProject({}, { prefix: "flows-diff-nobrowser-" });
    const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
    process.env.PUPPETEER_EXECUTABLE_PATH = join(out, "no-such-browser");
    try {
      const r = diff(
        "--base",
        "main",
        "--diagrams",
        join(out, "diagrams"),
        "--images",
        "--comment",
        join(out, "comment.md"),
      );
      expect(r.code).toBe(0);
      expect(r.err).toMatch(
        /^flows:diff: warning: the diagrams were not rendered to SVG \(the Markdown pages were written\): no Chromium or Chrome found/,
      );
      expect(readFileSync(join(out, "diagrams", "digital", "chat.md"), "utf8")).toContain("```mermaid\n");
      expect(() => readFileSync(join(out, "diagrams", "digital", "chat.svg"))).toThrow();
    } finally {
      if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
      else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
    }
  });

  it("exits 2 on an unknown ref, a missing --base, a bad --format or outside git", () => {
    const bad = diff("--base", "no-such-branch");
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      'flows:diff: unknown git ref "no-such-branch"; give a branch, tag or commit (fetch it first in a shallow clone)\n',
    );
    expect(diff().err).toMatch(/^flows:diff: --base <git-ref> is required/);
    expect(diff("--base", "main", "--format", "html").code).toBe(2);
    expect(diff("--base", "--help").code).toBe(2);
    const notGit = tempProject({}, { prefix: "flows-nogit-" });
    const r = runMain(main, ["--root", notGit, "--base", "main"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not inside a git work tree/);
    const help = runMain(main, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: npm run flows:diff -- --base <git-ref>/);
  });
});
