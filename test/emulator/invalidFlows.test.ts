// The Archy validator on crafted invalid flows, through the emulator's publish jobs (the provider's
// HTTP sequence): every fixture of test/fixtures/archy-invalid is refused in strict mode with an
// Error naming the rule, the YAML path and the line its header announces; in default mode it is
// refused when the finding is certain, and otherwise published with a Warning naming it. YAML
// syntax errors are located at the line of the fault. (Real exports: the exports tier,
// test/exports/, over the folders GENESYS_FLOWS_CORPUS names.) Each test prints its figure.
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { readInvalidFixtures, WHY_CATEGORIES } from "../../testkit/invalidArchy";
import { publish, type JobState } from "../../testkit/emulator";

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
      if (job.status !== expectedStatus || !hit)
        wrong.push(
          `${fixture.file}: expected ${expectedStatus} with rule ${fixture.expect.rule}, got ${job.status}: ${job.messages.map((m) => m.text).join(" | ")}`,
        );
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
        if (job.status !== "Failure" || !messageAt(job, "Error", fixture))
          wrong.push(`${fixture.file}: got ${job.status}: ${job.messages.map((m) => m.text).join(" | ")}`);
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
    console.log(
      `yaml syntax error location: ${/\(at (line \d+, column \d+)\)/.exec(text)?.[1]} (fault on line 15 of 41)`,
    );
    expect(text).toContain(
      'rule yaml-parse: YAML does not parse: a double quote (") that is never closed starts here (at line 15, column 10)',
    );
  });

  it("a flow without a name is reported at the flow, not at the first nested name", async () => {
    const fixture = readInvalidFixtures().find((f) => f.file === "flow-without-name.yaml")!;
    const job = await publish(emu, fixture.text);
    const text = job.messages.map((m) => m.text).join("\n");
    expect(text).toContain('Flow "<unnamed>": rule missing-required-key: required key "name" is missing');
    expect(text).not.toContain('Flow "Main"');
  });
});
