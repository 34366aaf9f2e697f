// The review of a deploy stack (flows:diff --stack) against a temporary git repository holding the
// fixture portfolio, two stack files (dev and prod) and an IVR config routing to the sales flow:
// what `up` does to each flow (replace with old and new published names, delete, create, a move
// between stacks, publish, republish), a substitution change only in the stack whose file changes,
// bad input located with exit 1, the JSON and the comment naming the stack; the stack's policy
// config (the repository's policies/config/prod.json) run as the pack and up's gate run it: a
// refused rename is the first thing the text, the comment, the JSON and the MCP review say.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../tools/flowsDiff";
import { MCP_TOOLS } from "../../tools/mcp/tools";
import type { ReviewJson } from "../../diff/review";
import * as YAML from "yaml";
import { commitAsMain, copyPortfolio, editFile, gitIn, runMain } from "../../testkit/fixtureProject";

let repo: string;
const review = (stack: string, ...argv: string[]) =>
  runMain(main, ["--root", repo, "--base", "main", "--stack", stack, ...argv]);
const stackFile = (env: string, prefix: string, queue: string, extra = "") =>
  `config:\n  genesys-flows:environment: ${env}\n  genesys-flows:namePrefix: ${prefix}\n  genesys-flows:substitutions: {brand: Acme, sales_queue: ${queue}, support_queue: Support}\n${extra}`;
/** The lines of the "What up does" section, without its heading. */
const deployLines = (out: string) => out.slice(0, out.indexOf("\n\n")).split("\n").slice(1);
/** The review of `stack`, which must succeed: the lines of its "What up does" section. */
const deployOf = (stack: string) => {
  const r = review(stack);
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
  return deployLines(r.out);
};

beforeEach(() => {
  repo = copyPortfolio("review-");
  writeFileSync(join(repo, "Pulumi.dev.yaml"), stackFile("dev", "dev-", "Sales dev"));
  writeFileSync(join(repo, "Pulumi.prod.yaml"), stackFile("production", "prod-", "Sales"));
  mkdirSync(join(repo, "routing"));
  writeFileSync(
    join(repo, "routing", "main.yaml"),
    'kind: ivr\nname: Main line\nnumbers: ["+13175550150"]\nflows: {open: calls/sales}\n',
  );
  commitAsMain(repo);
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe("what up does to the stack", () => {
  it("nothing changed: nothing is published, and the org's state says it was not checked", () => {
    const r = review("prod");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^What up does to stack prod \(from main to the working tree\): 0 replaced, 0 deleted, 0 created, 0 published, 0 republished for a module, 6 unchanged\n {2}nothing: no flow is published, replaced, created or deleted\n/,
    );
    expect(r.out).toContain(
      "\nThe org's state: not checked: no --org prod: add it (with the stack's read-only credentials) to read what people did in the org\n",
    );
  });

  it("namePrefix prod- → prodx-: every flow of prod is a replacement, old and new names, and the IVR config is re-pointed; dev is untouched", () => {
    editFile(repo, "Pulumi.prod.yaml", "namePrefix: prod-", "namePrefix: prodx-");
    const r = review("prod");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const lines = deployLines(r.out);
    expect(r.out).toMatch(
      /^What up does to stack prod \(from main to the working tree\): 6 replaced, 0 deleted, 0 created, 0 published, 0 republished for a module, 0 unchanged\n/,
    );
    expect(lines.filter((l) => l.startsWith("  replace "))).toEqual([
      '  replace flows/calls/sales.yaml: "prod-Sales" → "prodx-Sales"',
      '  replace flows/digital/chat.yaml: "prod-Chat" → "prodx-Chat"',
      '  replace flows/digital/email.yaml: "prod-Email" → "prodx-Email"',
      '  replace flows/modules/lookup.yaml: "prod-Lookup" → "prodx-Lookup"',
      '  replace flows/modules/verify.yaml: "prod-Verify" → "prodx-Verify"',
      '  replace flows/queue/hold.yaml: "prod-Hold" → "prodx-Hold"',
    ]);
    expect(lines).toContain('      namePrefix "prod-" → "prodx-" in Pulumi.prod.yaml');
    expect(lines).toContain(
      "      Genesys publishes by name: a new flow with a new Genesys id; the old flow is deleted and its id is gone",
    );
    expect(lines).toContain("      re-points IVR config main (open) to the new flow");
    // The routing object is renamed too (routing, as before).
    expect(r.out).toContain("IVR config main (prodx-Main line): name: prod-Main line → prodx-Main line");
    expect(review("dev").out).toMatch(
      /^What up does to stack dev \(from main to the working tree\): 0 replaced, 0 deleted, 0 created, 0 published, 0 republished for a module, 6 unchanged\n/,
    );
  });

  it("a flow's name: change is a replacement, old and new names", () => {
    editFile(repo, "flows/queue/hold.yaml", "name: Hold", "name: Hold music");
    expect(deployOf("dev")).toEqual([
      '  replace flows/queue/hold.yaml: "dev-Hold" → "dev-Hold music"',
      '      name "Hold" → "Hold music"',
      "      Genesys publishes by name: a new flow with a new Genesys id; the old flow is deleted and its id is gone",
    ]);
  });

  it("a queue substitution changed in Pulumi.prod.yaml: the flow it changes, value before and after, in prod's review only", () => {
    editFile(repo, "Pulumi.prod.yaml", "sales_queue: Sales,", "sales_queue: Sales Gold,");
    const prod = review("prod");
    expect(prod.code).toBe(0);
    expect(deployLines(prod.out)).toEqual([
      '  publish flows/calls/sales.yaml: "prod-Sales"',
      "      its content changes",
    ]);
    expect(prod.out).toContain(
      '~ flows/calls/sales.yaml (inboundCall "Sales")\n    ~ node ToSales (transferToQueue)\n        queue: "Sales" -> "Sales Gold"\n',
    );
    const dev = review("dev");
    expect(dev.out).toMatch(
      /: 0 replaced, 0 deleted, 0 created, 0 published, 0 republished for a module, 6 unchanged\n/,
    );
    expect(dev.out).not.toContain("Sales Gold");
  });

  it("include/exclude: a flow leaving prod is a delete that moves it out of the stack; one entering is a create", () => {
    editFile(
      repo,
      "Pulumi.prod.yaml",
      "environment: production\n",
      "environment: production\n  genesys-flows:exclude: [digital/chat]\n",
    );
    expect(deployOf("prod")).toEqual([
      '  delete flows/digital/chat.yaml: "prod-Chat"',
      "      flows/digital/chat.yaml leaves the stack: genesys-flows:include/exclude in Pulumi.prod.yaml no longer select it",
      "      the flow is deleted from the org with its Genesys id",
    ]);
    gitIn(repo, "commit", "-qam", "chat out of prod"); // main moves with it
    editFile(repo, "Pulumi.prod.yaml", "  genesys-flows:exclude: [digital/chat]\n", "");
    expect(deployOf("prod")).toEqual([
      '  create flows/digital/chat.yaml: "prod-Chat"',
      "      flows/digital/chat.yaml joins the stack: genesys-flows:include/exclude in Pulumi.prod.yaml now select it",
    ]);
  });

  it("a module change: the module is published and its callers republished, each once", () => {
    editFile(repo, "flows/modules/lookup.yaml", `tier: '"gold"'`, `tier: '"silver"'`);
    expect(deployOf("prod").filter((l) => !l.startsWith("      "))).toEqual([
      '  publish flows/modules/lookup.yaml: "prod-Lookup"',
      '  republish flows/calls/sales.yaml: "prod-Sales"',
      '  republish flows/digital/email.yaml: "prod-Email"',
      '  republish flows/modules/verify.yaml: "prod-Verify"',
    ]);
  });

  it("an imported callModule caller behind a data table lookup: forced to republish, not simulated past it", () => {
    // As the import of a module and its callers writes them: a callModule naming the module as its
    // file names it, after a lookup the interpreter cannot run.
    const transitions = { next: "Bye" };
    const imported = {
      kind: "inboundCall",
      name: "Imported",
      variables: { area: { type: "string" } },
      start: "FindArea",
      nodes: {
        FindArea: {
          type: "dataTableLookup",
          table: "Area codes",
          key: "Call.Ani",
          outputs: { state: "area" },
          transitions: { found: "Verify", notFound: "Verify", failure: "Verify" },
        },
        Verify: { type: "callModule", module: "Verify", inputs: { callerNumber: "Call.Ani" }, transitions },
        Bye: { type: "disconnect" },
      },
    };
    writeFileSync(join(repo, "flows/calls/imported.yaml"), YAML.stringify(imported));
    gitIn(repo, "add", "-A");
    gitIn(repo, "commit", "-qm", "an imported caller");
    editFile(repo, "flows/modules/verify.yaml", "Please enter your PIN.", "Please enter your four-digit PIN.");
    const r = review("prod");
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
    // What the engine republishes (the callers of Verify, by either node), and the review's list of callers: the same.
    expect(deployLines(r.out).filter((l) => / republish /.test(l))).toEqual([
      '  republish flows/calls/imported.yaml: "prod-Imported"',
      '  republish flows/calls/sales.yaml: "prod-Sales"',
    ]);
    const forced = r.out.slice(r.out.indexOf("Callers forced to republish:"), r.out.indexOf("Journeys that change"));
    expect(forced.split("\n").filter((l) => /^ {2}\S/.test(l))).toEqual([
      '  flows/calls/imported.yaml ("Imported", calls Verify from Verify)',
      '  flows/calls/sales.yaml ("Sales", calls Verify from Verify)',
    ]);
    // The imported caller's journeys stop at the lookup on both sides: not "unchanged", but where they stop.
    expect(r.out).toContain("      not simulated past FindArea (dataTableLookup)\n");
    const section = "Journeys not known to change, though the flow changes: calls/imported";
    expect(r.out).toContain(`${section} (not simulated past FindArea (dataTableLookup)).`);
    expect(r.out).not.toContain("journeys unchanged");
  });
});

describe("bad input: exit 1 with a located message, the review of the rest still rendered", () => {
  it("a stack file that does not parse", () => {
    writeFileSync(
      join(repo, "Pulumi.prod.yaml"),
      "config:\n  genesys-flows:environment: production\n  genesys-flows:namePrefix: [prod-\n",
    );
    const r = review("prod");
    expect(r.code).toBe(1);
    expect(r.err).toBe('Pulumi.prod.yaml:3:29: YAML syntax error: a "[" that is never closed with "]" starts here\n');
    expect(r.out).toMatch(
      /^What up does to stack prod: not computed: the stack file Pulumi\.prod\.yaml does not load on a side/,
    );
    // Another stack's review is not affected.
    expect(review("dev").code).toBe(0);
  });

  it("a namePrefix Genesys refuses", () => {
    editFile(repo, "Pulumi.prod.yaml", "namePrefix: prod-", "namePrefix: prod/");
    const r = review("prod");
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'Pulumi.prod.yaml: field "genesys-flows:namePrefix": no slash (/): Genesys refuses it in flow names, and the prefix starts every published name, found "prod/"\n',
    );
    // The flows are read with the base's stack file meanwhile: their own changes only (none here), not every placeholder unfilled.
    expect(r.out).toMatch(/^Flow changes from main to the working tree: 0 added, 0 removed, 0 changed, 6 unchanged$/m);
    expect(r.out).toContain("\nNo other flow changes.\n");
  });

  it("a base ref without the stack file: every flow is created, and the missing file is named", () => {
    writeFileSync(join(repo, "Pulumi.staging.yaml"), stackFile("staging", "stg-", "Sales"));
    const r = review("staging");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^at main: Pulumi\.staging\.yaml: no such file at main; /);
    expect(r.out).toMatch(
      /: 0 replaced, 0 deleted, 6 created, 0 published, 0 republished for a module, 0 unchanged\n {2}create flows\/calls\/sales\.yaml: "stg-Sales"\n {6}a new stack: Pulumi\.staging\.yaml is not at the base\n/,
    );
    // Its routing is new too, and no check of the stack file runs against the base's files.
    expect(r.out).toContain("IVR config main (stg-Main line) added");
    expect(r.err.split("\n").filter(Boolean)).toHaveLength(1);
  });
});

describe("the same review as JSON and as the pull-request comment", () => {
  it("--json holds what up does; --comment's heading names the stack and leads with the replacements", () => {
    editFile(repo, "Pulumi.prod.yaml", "namePrefix: prod-", "namePrefix: prodx-");
    const out = mkdtempSync(join(tmpdir(), "review-out-"));
    try {
      const r = review(
        "prod",
        "--format",
        "markdown",
        "--out",
        join(out, "report.md"),
        "--json",
        join(out, "review.json"),
        "--comment",
        join(out, "comment.md"),
      );
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      const json = JSON.parse(readFileSync(join(out, "review.json"), "utf8")) as ReviewJson;
      expect(json.stack).toBe("prod");
      expect(json.deploy?.changes.map((c) => [c.action, c.oldName, c.publishedName])).toContainEqual([
        "replace",
        "prod-Sales",
        "prodx-Sales",
      ]);
      expect(json.deploy?.changes).toHaveLength(6);
      expect(json.orgState).toEqual({
        checked: false,
        reason: "no --org prod: add it (with the stack's read-only credentials) to read what people did in the org",
      });
      const comment = readFileSync(join(out, "comment.md"), "utf8");
      expect(comment).toMatch(
        /^## Review of stack `prod`\n\n### What `up` does to stack `prod`\n\nFrom `main` to the working tree: 6 replaced,/,
      );
      expect(comment).toContain("| **replace** | `flows/calls/sales.yaml` | `prod-Sales` → `prodx-Sales` |");
      expect(comment).toContain(
        "\n### The org's state\n\nNot checked: no --org prod: add it (with the stack's read-only credentials) to read what people did in the org.\n",
      );
      const report = readFileSync(join(out, "report.md"), "utf8");
      expect(report).toMatch(/^## What `up` does to stack `prod`\n/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("the review knows the gate: the stack's policy config, as the pack runs it", () => {
  /** prod's policy config as the shipped one pins it: prefixed names, reachable nodes mandatory; terminates advisory. */
  const PROD_POLICY = {
    "prod-name-prefix": { enforcementLevel: "mandatory", environments: ["prod"], namePrefix: "prod-" },
    "reachable-nodes": "mandatory",
    terminates: "advisory",
  };
  beforeEach(() => {
    mkdirSync(join(repo, "policies", "config"), { recursive: true });
    writeFileSync(join(repo, "policies", "config", "prod.json"), JSON.stringify(PROD_POLICY));
  });

  it("a rename prod's policy refuses (namePrefix prod- → prodx-) leads the text, the comment, the JSON and the MCP review; dev, with no config, is clean", () => {
    editFile(repo, "Pulumi.prod.yaml", "namePrefix: prod-", "namePrefix: prodx-");
    const out = mkdtempSync(join(tmpdir(), "review-out-"));
    try {
      const r = review("prod", "--json", join(out, "review.json"), "--comment", join(out, "comment.md"));
      expect(r.code).toBe(1);
      const first = '  [prod-name-prefix] stack "prod": flows/calls/sales.yaml:';
      // The text: the refusal first, then what up does (6 replacements).
      const report = r.out.slice(r.out.indexOf("The deploy will be refused"));
      expect(r.out.slice(0, r.out.indexOf("The deploy will be refused"))).toMatch(/^(wrote .*\n)*$/);
      expect(report).toMatch(/^The deploy will be refused: 6 problems \(the review of the rest follows\):\n/);
      expect(report.split("\n").filter((l) => l.startsWith("  [prod-name-prefix]"))).toHaveLength(6);
      expect(report).toContain(`${first}`);
      expect(report).toContain(
        'published name "prodx-Sales" does not start with "prod-". Fix: publish the flow as "prod-Sales": set genesys-flows:namePrefix to "prod-".',
      );
      expect(report.indexOf("The deploy will be refused")).toBeLessThan(report.indexOf("What up does to stack prod"));
      expect(report).toContain("What up does to stack prod (from main to the working tree): 6 replaced,");
      // The JSON: the same refusals, as the pack words them.
      const json = JSON.parse(readFileSync(join(out, "review.json"), "utf8")) as ReviewJson;
      expect(json.refusals).toHaveLength(6);
      expect(json.refusals.every((x) => x.startsWith('[prod-name-prefix] stack "prod": '))).toBe(true);
      // The pull-request comment: under its heading, before what up does.
      const comment = readFileSync(join(out, "comment.md"), "utf8");
      expect(comment).toMatch(
        /^## Review of stack `prod`\n\n> \[!CAUTION\]\n> \*\*The deploy will be refused: 6 problems \(the review of the rest follows\):\*\*\n> - \[prod-name-prefix\] stack "prod": flows\/calls\/sales\.yaml/,
      );
      expect(comment.indexOf("The deploy will be refused")).toBeLessThan(
        comment.indexOf("### What `up` does to stack `prod`"),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    // The MCP review: the verdict first, and the replacements listed in the short answer.
    const tool = MCP_TOOLS.find((t) => t.name === "review")!;
    const answer = tool.run(repo, { base: "main", stack: "prod" }) as { ok: true; value: Record<string, unknown> };
    expect(Object.keys(answer.value)[0]).toBe("verdict");
    expect(answer.value.verdict).toMatch(
      /^the deploy will be refused: \[prod-name-prefix\] stack "prod": flows\/calls\/sales\.yaml:.* \(and 5 more: refusals\)$/,
    );
    expect(answer.value.replaced).toContain('flows/calls/sales.yaml: "prod-Sales" → "prodx-Sales"');
    expect(answer.value.replaced).toHaveLength(6);
    expect(answer.value.deleted).toEqual([]);
    // dev has no policy config of its own here: nothing refuses its review.
    expect(review("dev").code).toBe(0);
  });

  it("an advisory rule warns and the deploy goes on; a deletion is listed in the MCP review; a config that does not read refuses", () => {
    editFile(
      repo,
      "Pulumi.prod.yaml",
      "environment: production\n",
      "environment: production\n  genesys-flows:exclude: [digital/chat]\n",
    );
    writeFileSync(
      join(repo, "policies", "config", "prod.json"),
      JSON.stringify({ ...PROD_POLICY, "reachable-nodes": "advisory" }),
    );
    writeFileSync(
      join(repo, "flows/queue/hold.yaml"),
      readFileSync(join(repo, "flows/queue/hold.yaml"), "utf8") +
        "  Orphan:\n    type: playMessage\n    prompt: Never heard.\n    transitions:\n      next: Music\n",
    );
    const r = review("prod");
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
    expect(r.out).toMatch(
      /^The stack's policy config warns \(advisory: the deploy goes on\): 1 finding:\n {2}\[reachable-nodes\] stack "prod": flows\/queue\/hold\.yaml: node "Orphan" \(playMessage\): node is not reachable/,
    );
    const tool = MCP_TOOLS.find((t) => t.name === "review")!;
    const answer = tool.run(repo, { base: "main", stack: "prod" }) as { ok: true; value: Record<string, unknown> };
    expect(answer.value.deleted).toEqual(['flows/digital/chat.yaml: "prod-Chat"']);
    expect(answer.value.refusals).toEqual([]);
    expect(answer.value.verdict).toBe("nothing refuses the deploy; the stack's policy config warns of 1 (warnings)");
    writeFileSync(join(repo, "policies", "config", "prod.json"), JSON.stringify({ terminates: "loud" }));
    const broken = review("prod");
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(
      /^The deploy will be refused: 1 problem \(the review of the rest follows\):\n {2}policies\/config\/prod\.json: "terminates": enforcement level "loud" is not one of mandatory, advisory, disabled\n/,
    );
  });
});
