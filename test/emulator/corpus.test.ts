// Acceptance of the Archy validator on real exports and on crafted invalid flows, through the
// emulator's publish jobs (the provider's HTTP sequence):
//   - every file of ../shared/archy-corpus publishes in default mode, and in strict mode with the
//     shipped org file (emulator/orgs/corpus-org.yaml);
//   - every crafted invalid flow (test/fixtures/archy-invalid) is refused with an Error naming the
//     rule, the YAML path and the line its header announces; none is accepted;
//   - YAML syntax errors are located at the line of the fault.
// Each test prints its figure.
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator/server";
import { CORPUS_ORG_FILE, publishOrder, readCorpus, readInvalidFixtures, WHY_CATEGORIES } from "../unit/archy/corpusFiles";
import { publish } from "./helpers";

async function publishCorpus(options: EmulatorOptions): Promise<{ published: number; total: number; failures: string[]; emu: RunningEmulator }> {
  // Read first: a missing corpus must not leave a server listening (jest would never exit).
  const corpus = publishOrder(readCorpus());
  const emu = await startEmulator(options);
  const failures: string[] = [];
  let published = 0;
  try {
    for (const file of corpus) {
      const job = await publish(emu, file.text);
      if (job.status === "Success") published++;
      else failures.push(`${file.file}: ${job.messages.filter((m) => m.type === "Error").map((m) => m.text).join(" | ")}`);
    }
  } catch (e) {
    await emu.stop();
    throw e;
  }
  return { published, total: corpus.length, failures, emu };
}

describe("the real Archy exports", () => {
  it("every corpus file publishes in default mode (modules and bots before callers)", async () => {
    const { published, total, failures, emu } = await publishCorpus({});
    try {
      console.log(`archy corpus, default mode: ${published}/${total} accepted`);
      expect(failures).toEqual([]);
      // the module caller recorded its dependency, so the module is now in use
      const module = emu.store.findActive("COMMONMODULE", "Corpus Resolve Contact")!;
      expect(emu.store.usersOfModule(module.id).length).toBe(1);
    } finally {
      await emu.stop();
    }
  });

  it("every corpus file publishes in strict mode with the shipped org file", async () => {
    const { published, total, failures, emu } = await publishCorpus({ strict: true, orgFile: CORPUS_ORG_FILE });
    try {
      console.log(`archy corpus, strict mode with emulator/orgs/corpus-org.yaml: ${published}/${total} accepted`);
      expect(failures).toEqual([]);
    } finally {
      await emu.stop();
    }
  });

  it("strict mode without the org file refuses the exports that refer to org objects, and says why", async () => {
    const { published, total, failures, emu } = await publishCorpus({ strict: true });
    try {
      console.log(`archy corpus, strict mode without an org file: ${published}/${total} accepted (${failures.length} refused for unmodelled references)`);
      expect(failures.length).toBeGreaterThan(0);
      for (const f of failures) expect(f).toMatch(/rule (unmodelled-reference|unknown-org-object): .* \(strict mode\)/);
    } finally {
      await emu.stop();
    }
  });
});

describe("crafted invalid flows", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({});
  });
  afterAll(async () => {
    await emu.stop();
  });

  it("every fixture is refused with an Error naming its rule, path and line; none is accepted", async () => {
    const fixtures = readInvalidFixtures();
    const accepted: string[] = [];
    const misplaced: string[] = [];
    for (const fixture of fixtures) {
      const job = await publish(emu, fixture.text);
      if (job.status !== "Failure") {
        accepted.push(fixture.file);
        continue;
      }
      const { rule, path, line } = fixture.expect;
      const at = path ? `(at ${path}, line ${line})` : `(at line ${line}, column`;
      const hit = job.messages.find((m) => m.type === "Error" && m.text.includes(`rule ${rule}: `) && m.text.includes(at));
      if (!hit) misplaced.push(`${fixture.file}: expected rule ${rule} ${at}, got ${job.messages.map((m) => m.text).join(" | ")}`);
    }
    const categories = new Set(fixtures.map((f) => f.category));
    console.log(
      `archy invalid fixtures: ${fixtures.length - accepted.length}/${fixtures.length} refused, ${fixtures.length - accepted.length - misplaced.length} at the announced path and line, ` +
        `${accepted.length} accepted; ${categories.size} categories, covering the ${Object.keys(WHY_CATEGORIES).length} of the issue`,
    );
    expect(accepted).toEqual([]);
    expect(misplaced).toEqual([]);
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  it("a YAML syntax error is located at the line of the fault, not at the end of the file", async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `  key${i + 2}: value`);
    lines[13] = '  key15: "a quote that is never closed'; // line 15 of the file
    const job = await publish(emu, `inboundCall:\n${lines.join("\n")}\n`);
    expect(job.status).toBe("Failure");
    const text = job.messages.map((m) => m.text).join("\n");
    console.log(`yaml syntax error location: ${/\(at (line \d+, column \d+)\)/.exec(text)?.[1]} (fault on line 15 of 41)`);
    expect(text).toContain("rule yaml-parse: YAML does not parse: a double quote (\") that is never closed starts here (at line 15, column 10)");
  });

  it("a flow without a name is reported at the flow, not at the first nested name", async () => {
    const fixture = readInvalidFixtures().find((f) => f.file === "flow-without-name.yaml")!;
    const job = await publish(emu, fixture.text);
    const text = job.messages.map((m) => m.text).join("\n");
    expect(text).toContain('Flow "<unnamed>": rule missing-required-key: required key "name" is missing');
    expect(text).not.toContain('Flow "Main"');
  });
});
