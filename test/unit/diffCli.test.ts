// flows:diff CLI against a real (temporary) git repository: base flows read with git show, the
// working tree compared with them; load errors exit 1 with the loader's message; bad refs exit 2.
import { execFileSync } from "child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main } from "../../tools/flowsDiff";
import { main as diagramMain } from "../../tools/flowsDiagram";

const ROOT = join(__dirname, "..", "..");
const FILES = ["verify-caller.yaml", "sales.yaml", "support.yaml", "billing.yaml"];

function run(entry: typeof main, argv: string[]) {
  let out = "";
  let err = "";
  const code = entry(argv, { out: { write: (s: string) => ((out += s), true) }, err: { write: (s: string) => ((err += s), true) } } as never);
  return { code, out, err };
}

let repo: string;
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd: repo,
    stdio: "pipe",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "flows-diff-"));
  mkdirSync(join(repo, "flows"));
  for (const f of FILES) copyFileSync(join(ROOT, "flows", f), join(repo, "flows", f));
  copyFileSync(join(ROOT, "Pulumi.dev.yaml"), join(repo, "Pulumi.dev.yaml"));
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "base");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const edit = (f: string, from: string | RegExp, to: string) => {
  const p = join(repo, "flows", f);
  const text = readFileSync(p, "utf8");
  const out = text.replace(from, to);
  if (out === text) throw new Error("edit did not apply");
  writeFileSync(p, out);
};

describe("flows:diff", () => {
  it("reports no changes on a clean tree (exit 0)", () => {
    const r = run(main, ["--root", repo, "--base", "main"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe("Flow changes from main to the working tree: 0 added, 0 removed, 0 changed, 4 unchanged\n\nNo flow changes.\n");
  });

  it("diffs the working tree against the ref, as text and Markdown, and exits 0", () => {
    edit("sales.yaml", /\bMenu\b/g, "MainMenu");
    edit("verify-caller.yaml", /accountId:\n    type: string/, "accountId:\n    type: integer");
    const r = run(main, ["--root", repo, "--base", "main", "--stack", "dev"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("~ flows/sales.yaml (inboundCall \"Sales\")\n    + node MainMenu\n    - node Menu\n");
    expect(r.out).toContain("transition completed: Menu -> MainMenu");
    expect(r.out).toContain('interface: output accountId: type "string" -> "integer"');
    expect(r.out).toMatch(/Callers forced to republish:\n  flows\/billing\.yaml/);
    const outFile = join(repo, "diff.md");
    const md = run(main, ["--root", repo, "--base", "HEAD", "--format", "markdown", "--out", outFile]);
    expect(md.code).toBe(0);
    const text = readFileSync(outFile, "utf8");
    expect(text).toMatch(/^## Flow changes/);
    expect(text).toContain("```mermaid\nflowchart TD");
    expect(text).toMatch(/^  class n_MainMenu added$/m);
    expect(text).toMatch(/^  class n_Verify changed$/m);
    expect(text).toContain('removed_nodes["removed: Menu"]');
  });

  it("reports a flow that fails to load (file + loader message) and exits 1", () => {
    edit("support.yaml", "error: TransferSupport", "error: TransferSuport");
    const r = run(main, ["--root", repo, "--base", "main"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('flows/support.yaml: node "Verify" (subflow): transition "error" points to "TransferSuport", no such node; did you mean "TransferSupport"?\n');
    expect(r.out).toContain("Flows that failed to load (left out of the diff):\n  flows/support.yaml at the working tree:\n");
    // The other flows are still compared; the broken one is neither added nor removed.
    expect(r.out).toContain("~ flows/sales.yaml");
    expect(r.out).not.toContain("- flows/support.yaml");
  });

  it("exits 2 on an unknown ref, a missing --base, a bad --format or outside git", () => {
    const bad = run(main, ["--root", repo, "--base", "no-such-branch"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('flows:diff: unknown git ref "no-such-branch"; give a branch, tag or commit (fetch it first in a shallow clone)\n');
    expect(run(main, ["--root", repo]).err).toMatch(/^flows:diff: --base <git-ref> is required/);
    expect(run(main, ["--root", repo, "--base", "main", "--format", "html"]).code).toBe(2);
    expect(run(main, ["--root", repo, "--base", "--help"]).code).toBe(2);
    const notGit = mkdtempSync(join(tmpdir(), "flows-nogit-"));
    const r = run(main, ["--root", notGit, "--base", "main"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not inside a git work tree/);
    expect(run(main, ["--help"]).out).toMatch(/^Usage: npm run flows:diff -- --base <git-ref>/);
  });
});

describe("flows:diagram", () => {
  it("writes README.md (stack diagram) and one page per flow; exits 0", () => {
    const out = mkdtempSync(join(tmpdir(), "flows-diagram-"));
    const r = run(diagramMain, ["--root", ROOT, "--stack", "dev", "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const readme = readFileSync(join(out, "README.md"), "utf8");
    expect(readme).toContain("```mermaid\nflowchart LR");
    expect(readme).toContain("| [Sales](sales.md) | inboundCall | `flows/sales.yaml` | `dev-Sales` |");
    const sales = readFileSync(join(out, "sales.md"), "utf8");
    expect(sales).toContain('  n_Verify[["Verify<br/>Verify the caller<br/>call module VerifyCaller"]]');
    expect(r.out.split("\n").filter(Boolean)).toHaveLength(5);
  });
  it("exits 1 on flow errors and 2 on usage errors", () => {
    expect(run(diagramMain, ["--root", ROOT, "--stack", "nope"]).code).toBe(1);
    expect(run(diagramMain, ["--bogus"]).code).toBe(2);
    expect(run(diagramMain, ["-h"]).out).toMatch(/^Usage: npm run flows:diagram/);
  });
});
