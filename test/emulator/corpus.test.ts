// Acceptance of the Archy validator on real exports and on crafted invalid flows, through the
// emulator's publish jobs (the provider's HTTP sequence):
//   - every file of ../shared/archy-corpus and ../shared/archy-corpus-2 publishes in default mode,
//     and in strict mode with the shipped org file (emulator/orgs/corpus-org.yaml), except the files
//     test/fixtures/corpus-not-exports.yaml lists (not flows Genesys publishes), which are refused
//     with the certain findings it names;
//   - every crafted invalid flow (test/fixtures/archy-invalid) is refused in strict mode with an
//     Error naming the rule, the YAML path and the line its header announces; in default mode it
//     is refused when the finding is certain, and otherwise published with a Warning naming it;
//   - YAML syntax errors are located at the line of the fault.
// Each test prints its figure.
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator/server";
import { CORPUS_ORG_FILE, publishOrder, readCorpus, readInvalidFixtures, readNotExports, WHY_CATEGORIES } from "../unit/archy/corpusFiles";
import { publish, type JobState } from "./helpers";

// Each case publishes every corpus file (about 140) through the emulator's jobs.
jest.setTimeout(180_000);

interface CorpusRun {
  published: number;
  total: number;
  failures: string[];
  /** The files listed as not exports, and whether each was refused with its findings. */
  notExports: string[];
  emu: RunningEmulator;
}

const errorAt = (job: JobState, f: { rule: string; path: string; line: number }): boolean =>
  job.messages.some((m) => m.type === "Error" && m.text.includes(`rule ${f.rule}: `) && m.text.includes(`(at ${f.path}, line ${f.line})`));

async function publishCorpus(options: EmulatorOptions): Promise<CorpusRun> {
  // Read first: a missing corpus must not leave a server listening (jest would never exit).
  const corpus = publishOrder(readCorpus());
  const notExports = new Map(readNotExports().map((n) => [n.file, n]));
  const emu = await startEmulator(options);
  const failures: string[] = [];
  const refused: string[] = [];
  let published = 0;
  try {
    for (const file of corpus) {
      const job = await publish(emu, file.text);
      const notExport = notExports.get(file.file);
      if (notExport) {
        const missing = notExport.refusedWith.filter((f) => !errorAt(job, f));
        if (job.status === "Failure" && missing.length === 0) refused.push(file.file);
        else failures.push(`${file.file} (not an export): expected a refusal with ${JSON.stringify(missing)}, got ${job.status}`);
        continue;
      }
      if (job.status === "Success") published++;
      else failures.push(`${file.file}: ${job.messages.filter((m) => m.type === "Error").map((m) => m.text).join(" | ")}`);
    }
  } catch (e) {
    await emu.stop();
    throw e;
  }
  return { published, total: corpus.length - notExports.size, failures, notExports: refused, emu };
}

describe("the real Archy exports", () => {
  it("every corpus file publishes in default mode (modules and bots before callers); the listed non-exports are refused", async () => {
    const { published, total, failures, notExports, emu } = await publishCorpus({});
    try {
      console.log(`archy corpus, default mode: ${published}/${total} accepted; ${notExports.length} hand-written file(s) refused as listed`);
      expect(failures).toEqual([]);
      expect(notExports.length).toBe(readNotExports().length);
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
      console.log(`archy corpus, strict mode with emulator/orgs/corpus-org.yaml: ${published}/${total} accepted (no unknown name left)`);
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

  const messageAt = (job: JobState, type: string, fixture: ReturnType<typeof readInvalidFixtures>[number]) => {
    const { rule, path, line } = fixture.expect;
    const at = path ? `(at ${path}, line ${line})` : `(at line ${line}, column`;
    return job.messages.find((m) => m.type === type && m.text.includes(`rule ${rule}: `) && m.text.includes(at));
  };

  it("in default mode a fixture is refused when its finding is certain, else published with a located Warning", async () => {
    const fixtures = readInvalidFixtures();
    const wrong: string[] = [];
    let refused = 0;
    for (const fixture of fixtures) {
      const job = await publish(emu, fixture.text);
      const expectedStatus = fixture.verdict === "invalid" ? "Failure" : "Success";
      const hit = messageAt(job, fixture.verdict === "invalid" ? "Error" : "Warning", fixture);
      if (job.status !== expectedStatus || !hit) wrong.push(`${fixture.file}: expected ${expectedStatus} with rule ${fixture.expect.rule}, got ${job.status}: ${job.messages.map((m) => m.text).join(" | ")}`);
      if (job.status === "Failure") refused++;
    }
    const categories = new Set(fixtures.map((f) => f.category));
    console.log(
      `archy invalid fixtures, default mode: ${refused}/${fixtures.length} refused (certain), ${fixtures.length - refused} published with a located warning (names the catalogue lacks); ` +
        `${categories.size} categories, covering the ${Object.keys(WHY_CATEGORIES).length} of the issue`,
    );
    expect(wrong).toEqual([]);
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  it("in strict mode every fixture is refused with an Error naming its rule, path and line", async () => {
    const strict = await startEmulator({ strict: true });
    try {
      const wrong: string[] = [];
      for (const fixture of readInvalidFixtures()) {
        const job = await publish(strict, fixture.text);
        if (job.status !== "Failure" || !messageAt(job, "Error", fixture)) wrong.push(`${fixture.file}: got ${job.status}: ${job.messages.map((m) => m.text).join(" | ")}`);
      }
      expect(wrong).toEqual([]);
    } finally {
      await strict.stop();
    }
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
