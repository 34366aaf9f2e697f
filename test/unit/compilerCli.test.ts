// flows:compile over a copy of the fixture portfolio in a temp dir: one substituted Archy file per
// flow at its flow id's path, the stack's shared and per-flow substitutions applied; hard errors
// listed with file, node and field (every one, nothing written); exit codes 0 / 1 / 2.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { NODE_TYPES } from "../../model/nodes";
import { compileStack, main } from "../../tools/compileFlows";
import { copyPortfolio, editFile, filesUnder, runMain, STACK } from "../../testkit/fixtureProject";

let root: string;
beforeEach(() => {
  root = copyPortfolio("flows-compile-");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const compile = (...argv: string[]) => runMain(main, ["--root", root, ...argv]);

describe("flows:compile", () => {
  it("writes the compiled, substituted Archy of every flow at its flow id's path; exits 0", () => {
    const out = join(root, "out");
    const r = compile("--stack", STACK, "--out", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const written = [
      "modules/lookup",
      "modules/verify",
      "calls/sales",
      "digital/chat",
      "digital/email",
      "queue/hold",
    ].map((id) => join(out, `${id}.yaml`));
    // Modules first, each after the modules it calls.
    expect(r.out).toBe(written.map((p) => `wrote ${p}\n`).join(""));
    expect(filesUnder(out)).toEqual([
      "calls/sales.yaml",
      "digital/chat.yaml",
      "digital/email.yaml",
      "modules/lookup.yaml",
      "modules/verify.yaml",
      "queue/hold.yaml",
    ]);
    for (const p of written) expect(readFileSync(p, "utf8")).not.toContain("{{");

    const sales = YAML.parse(readFileSync(join(out, "calls", "sales.yaml"), "utf8"), { version: "1.2" }).inboundCall;
    expect(sales.name).toBe("test-Sales");
    const text = readFileSync(join(out, "calls", "sales.yaml"), "utf8");
    // Shared substitution (brand), and the flow's own value winning over the shared one.
    expect(text).toContain('tts: "Welcome to Acme sales."');
    expect(text).toContain('name: "Sales VIP"');
    expect(text).not.toContain("Sales test");
    // The caller references the module by its published name.
    expect(text).toContain("test-Verify:");
    // The other flows get the shared value.
    expect(readFileSync(join(out, "digital", "email.yaml"), "utf8")).toContain('name: "Support test"');
    expect(readFileSync(join(out, "queue", "hold.yaml"), "utf8")).toContain('tts: "Please hold for Acme."');
    // Each flow kind under its own Archy key.
    const keys = ["modules/lookup", "calls/sales", "digital/chat", "digital/email", "queue/hold"].map(
      (id) => Object.keys(YAML.parse(readFileSync(join(out, `${id}.yaml`), "utf8"), { version: "1.2" }))[0],
    );
    expect(keys).toEqual(["commonModule", "inboundCall", "inboundShortMessage", "inboundEmail", "inqueueCall"]);
  });

  it("the stack's include/exclude globs select the flows written", () => {
    editFile(root, "Pulumi.test.yaml", "config:\n", "config:\n  genesys-flows:exclude: [digital/*, queue/**]\n");
    const out = join(root, "out");
    expect(compileStack(root, STACK, out)).toEqual(
      ["modules/lookup", "modules/verify", "calls/sales"].map((id) => join(out, `${id}.yaml`)),
    );
    expect(filesUnder(out)).toEqual(["calls/sales.yaml", "modules/lookup.yaml", "modules/verify.yaml"]);
  });

  it("exits 1 listing every hard error with file, node and field; writes nothing", () => {
    editFile(root, "flows/calls/sales.yaml", "error: ToSales", "error: ToSale");
    editFile(root, "flows/digital/chat.yaml", '"{{support_queue}}"', '"{{chat_queue}}"');
    editFile(root, "flows/modules/verify.yaml", "module: Lookup", "module: Lokup");
    const out = join(root, "out");
    const r = compile("--stack", STACK, "--out", out);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.split("\n")).toEqual([
      'flows/calls/sales.yaml: node "Verify" (subflow): transition "error" points to "ToSale", no such node; did you mean "ToSales"?',
      'flows/digital/chat.yaml: node "ToChat" (transferToQueue): field "queue": placeholder "{{chat_queue}}" has no value in stack "test"',
      'flows/modules/verify.yaml: node "Lookup" (subflow): field "module": no common module named "Lokup"; did you mean "Lookup"?',
      "",
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 1 with the YAML position of a syntax error and the place of a shape error", () => {
    editFile(root, "flows/digital/email.yaml", "nodes:\n", "nodes:\n\tLookup: {}\n");
    editFile(root, "flows/queue/hold.yaml", "type: playMessage", "type: playMesage");
    const r = compile("--stack", STACK, "--out", join(root, "out"));
    expect(r.code).toBe(1);
    const lines = r.err.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^flows\/digital\/email\.yaml:9:1: YAML syntax error: indentation: this line is indented with a tab; YAML indents with spaces only$/,
    );
    expect(lines).toContain(
      `flows/queue/hold.yaml: node "Announce": field "type": unknown node type "playMesage"; did you mean "playMessage"? Valid node types: ${NODE_TYPES.join(", ")}`,
    );
  });

  it("exits 1 on a stack file that is missing or invalid, naming it", () => {
    const missing = compile("--stack", "qa", "--out", join(root, "out"));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      "Pulumi.qa.yaml: no such stack file; create it (see docs/stacks.md) or pass --stack <name>\n",
    );
    editFile(root, "Pulumi.test.yaml", "genesys-flows:namePrefix: test-", "genesys-flows:namePrefx: test-");
    const typo = compile("--stack", STACK, "--out", join(root, "out"));
    expect(typo.code).toBe(1);
    expect(typo.err).toMatch(
      /^Pulumi\.test\.yaml: field "genesys-flows:namePrefx": unknown key; did you mean "namePrefix"\?/,
    );
  });

  it("prints help; exits 2 on unknown flags or a missing --out", () => {
    const help = runMain(main, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: npm run flows:compile -- \[--stack <name>\] --out <dir>/);
    const unknown = compile("--stak", STACK, "--out", "x");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^flows:compile: .*--stak/);
    const noOut = compile("--stack", STACK);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/^flows:compile: --out <dir> is required\n\nUsage:/);
  });

  it("refuses to write into flows/ without --force, naming each file, and writes nothing", () => {
    const before = filesUnder(join(root, "flows")).map((f) => readFileSync(join(root, "flows", f), "utf8"));
    const r = compile("--stack", STACK, "--out", join(root, "flows"));
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain(
      "flows/calls/sales.yaml: nothing written: it is in the project's sources (flows/); choose an output folder elsewhere (for example .work/), or pass --force to overwrite",
    );
    expect(filesUnder(join(root, "flows")).map((f) => readFileSync(join(root, "flows", f), "utf8"))).toEqual(before);
  });

  it("refuses to replace a file git tracks without --force; --force writes", () => {
    const git = (...a: string[]) => execFileSync("git", ["-C", root, ...a], { stdio: "pipe" });
    git("init", "-q");
    mkdirSync(join(root, "docs"));
    writeFileSync(join(root, "docs/sales.yaml"), "notes\n");
    git("add", "docs/sales.yaml");
    editFile(root, "Pulumi.test.yaml", "config:\n", "config:\n  genesys-flows:include: [calls/*, modules/*]\n");
    const out = join(root, "docs");
    // calls/sales -> docs/calls/sales.yaml (untracked: fine); only a tracked target is refused.
    expect(compile("--stack", STACK, "--out", out).code).toBe(0);
    writeFileSync(join(root, "docs/calls/sales.yaml"), "mine\n");
    git("add", "docs/calls/sales.yaml");
    const r = compile("--stack", STACK, "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "docs/calls/sales.yaml: nothing written: it is a file git tracks; pass --force to overwrite it",
    );
    expect(readFileSync(join(root, "docs/calls/sales.yaml"), "utf8")).toBe("mine\n");
    expect(compile("--stack", STACK, "--out", out, "--force").code).toBe(0);
    expect(readFileSync(join(root, "docs/calls/sales.yaml"), "utf8")).toContain("inboundCall:");
  });
});
