// `genesys-flows check-exports` as a team runs it (tools/checkExports.ts through the one command
// line): on the repository's own exports (test/fixtures/exports) a good folder passes with exit 0,
// a folder with one broken export gives the table and the JSON naming the file and the line, and
// exit 1; the throwaway emulators it starts on 127.0.0.1 are stopped.
import { join, relative } from "node:path";
import { runCli, type Io } from "../../tools/cli";
import { documented } from "../../testkit/docOutputs";
import type { ExportsReport } from "../../exportCheck/report";

const FIXTURES = join(__dirname, "..", "fixtures", "exports");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io = { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } } as unknown as Io;
  const code = await runCli(["check-exports", ...argv], io);
  return { code, out, err };
}

describe("check-exports on the repository's own exports", () => {
  it("a good folder: every step of every file passes, exit 0", async () => {
    const r = await run(join(FIXTURES, "good"), "--org", join(FIXTURES, "org.yaml"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# +file +type +typed +import +lint +compile +export +compiled$/m);
    expect(r.out).toMatch(/^\d+ +main-line\.yaml +inboundCall +\d+\/\d+ +ok +ok +ok +ok\/ok +ok\/ok$/m);
    expect(r.out).toContain("4 export(s): 4 passed, 0 failed.");
    expect(r.out).not.toContain(" failed:\n");
    for (const line of r.out.split("\n").slice(0, 6)) expect(line.length).toBeLessThanOrEqual(120);
    // What stayed raw, and why, by kind, with where.
    expect(r.out).toMatch(/^ +\d+ +updateData: .*\(customer-lookup\.yaml:\d+\)$/m);
  });

  it("a folder with one broken export: the table names the file and the line, exit 1", async () => {
    const r = await run(join(FIXTURES, "broken"), "--org", join(FIXTURES, "org.yaml"));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^\d+ +main-line\.yaml +inboundCall +\d+\/\d+ +FAIL +FAIL +- +FAIL\/FAIL +-\/-$/m);
    expect(r.out).toMatch(/^\d+ +customer-lookup\.yaml +commonModule +\d+\/\d+ +ok +ok +ok +ok\/ok +ok\/ok$/m);
    expect(r.out).toMatch(
      /^ {2}\S*broken\/main-line\.yaml:37: publish export, default and strict mode: \[unknown-reference\] menuJumpToTask targetTaskRef targets task\[Support_99\] which does not exist/m,
    );
    expect(r.out).toContain("2 export(s): 1 passed, 1 failed.");
  });

  it("--json: the same report as JSON, every problem with its file and line", async () => {
    const r = await run(join(FIXTURES, "broken"), "--org", join(FIXTURES, "org.yaml"), "--json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as ExportsReport;
    expect(report.ok).toBe(false);
    expect(report.totals).toEqual(expect.objectContaining({ files: 2, passed: 1, failed: 1 }));
    const broken = report.files.find((f) => f.file.endsWith("broken/main-line.yaml"))!;
    expect(broken.ok).toBe(false);
    expect(broken.publishExport.default.problems).toContainEqual(
      expect.objectContaining({ line: 37, rule: "unknown-reference" }),
    );
    expect(broken.import.problems).toContainEqual(expect.objectContaining({ line: 37, rule: "unknown-reference" }));
    for (const f of report.files)
      for (const p of [...f.import.problems, ...f.publishExport.default.problems]) expect(p.file).toBe(f.file);
  });

  it("docs/commands.md shows what it prints on the broken folder", async () => {
    const command = `check-exports ${relative(process.cwd(), join(FIXTURES, "broken"))} --org ${relative(process.cwd(), join(FIXTURES, "org.yaml"))}`;
    const r = await run(...command.split(" ").slice(1));
    expect(r.code).toBe(1);
    documented("commands/check-exports", `$ ./bin/genesys-flows ${command}\n${r.out}`);
  });

  it("refuses a missing folder and a call without one, exit 2", async () => {
    const missing = await run(join(FIXTURES, "no-such-folder"));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no-such-folder: no such file or folder/);
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.err).toContain("name at least one folder or file of Archy exports");
  });
});
