// The one command line (tools/cli.ts, bin/genesys-flows): `--help` lists every subcommand; each
// subcommand answers its own --help with exit code 0 and refuses an unknown option with 2; an
// unknown or missing subcommand is a usage error (2); the completion script offers every
// subcommand, and every flag it offers appears in that subcommand's --help.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { runCli, SUBCOMMANDS, type Io } from "../../tools/cli";

const ROOT = join(__dirname, "..", "..");
/** The subcommand whose tool runs as a child process (the benchmark): checked through the bin. */
const CHILD = new Set(["bench"]);
const DEPLOY = new Set(["start", "up", "preview", "down"]);

function sink(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** Runs the CLI in this process; tools that write to the process's own streams are captured too. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const spyOut = jest
    .spyOn(process.stdout, "write")
    .mockImplementation((c: string | Uint8Array) => out.stream.write(c));
  const spyErr = jest
    .spyOn(process.stderr, "write")
    .mockImplementation((c: string | Uint8Array) => err.stream.write(c));
  try {
    // The tools type their streams as the process's; a Writable is all they use.
    const io = { out: out.stream, err: err.stream } as unknown as Io;
    const code = await runCli(argv, io);
    return { code, out: out.text(), err: err.text() };
  } finally {
    spyOut.mockRestore();
    spyErr.mockRestore();
  }
}

const binRuns = new Map<string, { code: number; out: string; err: string }>();
/** Runs bin/genesys-flows (each distinct command line once: a child process costs seconds). */
function bin(argv: string[]): { code: number; out: string; err: string } {
  const key = JSON.stringify(argv);
  if (!binRuns.has(key)) {
    // A child command (bench) transpiles its own import graph first: minutes on a loaded machine.
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "genesys-flows"), ...argv], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 240_000,
    });
    binRuns.set(key, { code: r.status ?? -1, out: r.stdout, err: r.stderr });
  }
  return binRuns.get(key)!;
}

describe("genesys-flows", () => {
  it("--help lists every subcommand, with examples and the exit codes", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    for (const s of SUBCOMMANDS) expect(r.out).toMatch(new RegExp(`^  ${s.name} `, "m"));
    expect(r.out).toContain("completion");
    expect(r.out).toContain("Exit codes: 0 ok, 1 findings or a failed run, 2 usage error");
  });

  it("docs/commands.md lists every subcommand as --help does, and gives each a row of its table", () => {
    const page = readFileSync(join(__dirname, "../../docs/commands.md"), "utf8");
    const list = /`genesys-flows --help` lists the subcommands \(([^)]*)\)/.exec(page)![1]!;
    const listed = list.match(/`[^`]+`/g)!.map((n) => n.slice(1, -1));
    expect(listed).toEqual([...SUBCOMMANDS.map((s) => s.name), "completion"]);
    const rows = page
      .split("\n")
      .filter((l) => l.startsWith("| `"))
      .map((l) => l.split(" | ")[0]!)
      .join("\n");
    for (const { name } of SUBCOMMANDS) expect([name, new RegExp(`[ :]${name}\\b`).test(rows)]).toEqual([name, true]);
  });

  it("an unknown or missing subcommand is a usage error (2), with a suggestion", async () => {
    const unknown = await cli(["lnt"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'lnt'");
    expect(unknown.err).toContain("Did you mean lint?");
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("Usage: genesys-flows <command> [options]");
  });

  it.each(SUBCOMMANDS.filter((s) => !CHILD.has(s.name) && !DEPLOY.has(s.name)).map((s) => [s.name]))(
    "%s --help exits 0 with its usage; an unknown option exits 2",
    async (name) => {
      const help = await cli([name, "--help"]);
      expect({ code: help.code, usage: /Usage:/.test(help.out) }).toEqual({ code: 0, usage: true });
      const bad = await cli([name, "--no-such-option"]);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/no-such-option/);
    },
  );

  // The deploy commands pass options they do not know to pulumi; their own usage errors exit 2.
  it.each([...DEPLOY].map((n) => [n]))(
    "%s --help exits 0 with its usage; a usage error exits 2 before pulumi runs",
    async (name) => {
      const help = await cli([name, "--help"]);
      expect({ code: help.code, usage: /Usage:/.test(help.out) }).toEqual({ code: 0, usage: true });
      const bad = await cli(name === "start" ? [name, "--stack", "prod"] : [name, "--stack"]);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/^deploy: /);
    },
  );

  it.each([...CHILD].map((n) => [n]))(
    "%s (a child process) --help exits 0 through the bin; an unknown option exits 2",
    (name) => {
      const help = bin([name, "--help"]);
      // The first command after the sources changed builds them and says so (project/jsbuild.js): progress, not an error.
      expect({
        code: help.code,
        err: help.err.replace(/^genesys-flows: compiling \d+ source files to JavaScript.*\n/, ""),
      }).toEqual({ code: 0, err: "" });
      expect(help.out.length).toBeGreaterThan(100);
      const bad = bin([name, "--no-such-option"]);
      expect(bad.code).toBe(2);
    },
  );

  it("the bin runs a subcommand and passes its exit code on", () => {
    expect(bin(["--help"]).code).toBe(0);
    expect(bin(["compile", "--no-such-option"]).code).toBe(2);
  });

  it("completion offers every subcommand, and every flag it offers is in that subcommand's --help", async () => {
    const script = (await cli(["completion"])).out;
    expect(script).toContain("complete -F _genesys_flows genesys-flows");
    for (const s of SUBCOMMANDS) expect(script).toContain(`    ${s.name}) opts="${s.flags.join(" ")}" ;;`);
    const missing: string[] = [];
    for (const s of SUBCOMMANDS) {
      const help = CHILD.has(s.name) ? bin([s.name, "--help"]).out : (await cli([s.name, "--help"])).out;
      for (const f of s.flags) if (!help.includes(f)) missing.push(`${s.name} ${f}`);
    }
    expect(missing).toEqual([]);
  });
});

test("a command that read the org ends its process once its output is flushed, whatever keeps Node's event loop busy (fetch's idle keep-alive connections); its exit code kept", () => {
  // A timer of a minute stands in for an idle connection: without settle's exit, the child would wait for it.
  const script = `setTimeout(() => {}, 60000); process.stdout.write("done\\n"); require(${JSON.stringify(join(__dirname, "../../tools/cli"))}).settle(["up"], 3);`;
  const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
    cwd: join(__dirname, "../.."),
    encoding: "utf8",
    timeout: 50_000,
  });
  expect([r.signal, r.status, r.stdout]).toEqual([null, 3, "done\n"]);
});
