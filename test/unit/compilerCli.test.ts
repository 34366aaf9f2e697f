// flows:compile CLI: writes one substituted file per flow; exit codes 0 / 1 / 2.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main } from "../../tools/compileFlows";

const ROOT = join(__dirname, "..", "..");

function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = main(argv, { out: { write: (s: string) => ((out += s), true) }, err: { write: (s: string) => ((err += s), true) } } as never);
  return { code, out, err };
}

describe("flows:compile", () => {
  it("writes the compiled, substituted Archy of every flow of a stack", () => {
    const out = mkdtempSync(join(tmpdir(), "flows-compile-"));
    const r = run(["--root", ROOT, "--stack", "dev", "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["billing.yaml", "sales.yaml", "support.yaml", "verify-caller.yaml"]);
    const sales = readFileSync(join(out, "sales.yaml"), "utf8");
    expect(sales).toContain("name: dev-Sales");
    expect(sales).toContain('name: "Sales dev"');
    expect(sales).not.toContain("{{");
  });

  it("prints help", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: npm run flows:compile -- \[--stack <name>\] --out <dir>/);
  });

  it("exits 2 on unknown flags or a missing --out", () => {
    expect(run(["--stak", "dev", "--out", "x"]).code).toBe(2);
    const r = run(["--stack", "dev"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^flows:compile: --out <dir> is required/);
  });

  it("exits 1 with the FlowLoadError message", () => {
    const root = mkdtempSync(join(tmpdir(), "flows-root-"));
    mkdirSync(join(root, "flows"));
    for (const f of ["verify-caller.yaml", "sales.yaml", "support.yaml", "billing.yaml"]) copyFileSync(join(ROOT, "flows", f), join(root, "flows", f));
    writeFileSync(join(root, "flows", "sales.yaml"), readFileSync(join(ROOT, "flows", "sales.yaml"), "utf8").replace("error: TransferGeneral", "error: TransferGenral"));
    copyFileSync(join(ROOT, "Pulumi.dev.yaml"), join(root, "Pulumi.dev.yaml"));
    const r = run(["--root", root, "--stack", "dev", "--out", join(root, "out")]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('flows/sales.yaml: node "Verify" (subflow): transition "error" points to "TransferGenral", no such node; did you mean "TransferGeneral"?\n');
    expect(run(["--root", root, "--stack", "qa", "--out", join(root, "out")]).err).toBe(
      "Pulumi.qa.yaml: no such stack file; create it or pass --stack <name>\n",
    );
  });
});
