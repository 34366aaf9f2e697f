// Adding a 50-node flow and a third module, a call flow no number reaches and a flow lint warns
// about leaves green the unit, policy and emulator test files that read flows/ or routing/
// (testkit/portfolioReaders.json, kept exact by testkit/portfolioReads.ts in every run of those
// tiers): test/portfolio-growth.sh runs them in a scratch copy with the new files.
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import { dirname, join } from "path";

jest.setTimeout(20 * 60_000);

test("a scratch copy with a third module, a 50-node flow, an unrouted call flow and a warned flow passes the unit, policy and emulator files that read flows/ or routing/", () => {
  // spawnSync blocks jest's own timeout, so the child has one: a run that hangs is killed, and fails.
  const r = spawnSync("bash", [join(__dirname, "..", "portfolio-growth.sh")], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 18 * 60_000, killSignal: "SIGKILL" });
  const output = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`portfolio-growth.sh ${r.signal ? `was killed (${r.signal}) after 18 minutes` : `exited ${r.status}`}:\n${output.slice(-6000)}`);
  expect(output).toMatch(/\[growth\] flows now: \d+ files/);
  expect(output).toMatch(/\[growth\] running the [1-9]\d* test files that read flows\//);
  expect(output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
  expect(output).not.toMatch(/Tests:.*failed/);
  // The scratch copy (a whole copy of the repository) is removed after the run.
  const scratch = /\[growth\] scratch copy: (\S+)/.exec(output)?.[1];
  expect(scratch).toBeDefined();
  expect(existsSync(dirname(scratch!))).toBe(false);
});
