// The version record check (planner/versionAgreement.ts) and its guard (run/guards/versions.ts): a
// run refuses while the repository's genesys-flows.json records another version than the installed
// one with a migration or a rule mandatory for the stack between them, names `upgrade` otherwise,
// and says nothing when they agree or the repository has no record. The guard decides first, in
// preview and up, before the state or the org is read.
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { versionsGuard } from "../../../run/guards/versions";
import { decideAll } from "../../../run/guards";
import { versionAgreement, type InstalledTool } from "../../../planner/versionAgreement";
import type { Migration } from "../../../planner/migrations";
import { FLOW_AND_PACK_RULES } from "../../../policies/packRules";
import { toolVersion } from "../../../project/template";
import { guardRun } from "../../../testkit/programRun";

const RENAME: Migration = {
  format: 2,
  version: "0.3.0",
  summary: "releasesKept is releasesToKeep",
  changes: [{ renameSetting: { from: "releasesKept", to: "releasesToKeep" } }],
};
const installed: InstalledTool = {
  version: "0.3.0",
  format: 2,
  mandatory: ["terminates", "unique-names"],
  migrationsSince: (format) => (format < 2 ? [RENAME] : []),
};
const RECORDS = "genesys-flows.json records genesys-flows";
const UPGRADE = "run `npx genesys-flows upgrade` (what each asks of your files; with --write it applies the migrations";

describe("the version record check", () => {
  it("agrees, or has no record: nothing said", () => {
    expect(versionAgreement(undefined, installed)).toEqual({});
    expect(versionAgreement({ version: "0.3.0", format: 2, rules: [] }, installed)).toEqual({});
  });

  it("a migration between the recorded and the installed version: refused, naming it and upgrade", () => {
    const record = { version: "0.2.0", format: 1, rules: ["terminates", "unique-names"] };
    const { refusal, note } = versionAgreement(record, installed);
    expect(note).toBeUndefined();
    expect(refusal).toBe(
      [
        `${RECORDS} 0.2.0 (file format 1), but 0.3.0 (file format 2) is installed, and between them lie ` +
          "(new since 0.2.0):",
        "  the migration to format 2 (0.3.0): releasesKept is releasesToKeep",
        `  ${UPGRADE} and records 0.3.0), then run again.`,
      ].join("\n"),
    );
  });

  it("a rule the installed version makes mandatory for the stack, new since the recorded one: refused", () => {
    const { refusal } = versionAgreement({ version: "0.2.0", format: 2, rules: ["unique-names"] }, installed);
    const rule = "  the rule terminates, mandatory for this stack";
    expect(refusal).toContain(`between them lie (new since 0.2.0):\n${rule}\n  ${UPGRADE}`);
    // A record from before rules were kept names none: no rule counts as new.
    expect(versionAgreement({ version: "0.2.0", format: 2 }, installed).refusal).toBeUndefined();
  });

  it("nothing between them: the run goes on, naming upgrade", () => {
    const record = { version: "0.2.9", format: 2, rules: ["terminates", "unique-names", "gone-rule"] };
    expect(versionAgreement(record, installed)).toEqual({
      note:
        `${RECORDS} 0.2.9 (file format 2), but 0.3.0 (file format 2) is installed; nothing between them asks ` +
        "anything of the files: `npx genesys-flows upgrade --write` records 0.3.0",
    });
  });

  it("files of a newer format than the installed version reads: refused, naming the version to install", () => {
    expect(versionAgreement({ version: "0.4.0", format: 3 }, installed).refusal).toBe(
      `${RECORDS} 0.4.0 (file format 3), but 0.3.0 (file format 2) is installed: the files are of a format ` +
        "this version does not read; install the version it records (npm install genesys-flows@0.4.0 --save-exact), " +
        "then run again.",
    );
  });
});

describe("the guard", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({});
  });
  afterAll(async () => {
    await emu.stop();
  });
  const call = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };
  const rules = FLOW_AND_PACK_RULES.map((r) => r.id);
  /** A run whose repository records `record` (none: no genesys-flows.json). */
  const runRecording = (record?: object) => {
    const { run, events } = guardRun(emu, { flows: { "calls/sales": call } });
    if (record) fs.writeFileSync(path.join(run.root, "genesys-flows.json"), JSON.stringify(record));
    return { run, events };
  };

  it("a rule mandatory for the stack the recorded version lacked: preview and up refused first", async () => {
    for (const dryRun of [true, false]) {
      const recorded = { version: "0.0.1", format: 1, rules: rules.filter((r) => r !== "terminates") };
      const { run, events } = runRecording(recorded);
      const d = await decideAll(run, dryRun);
      const installedOne = `but ${toolVersion()} (file format 1) is installed`;
      expect(d.refusal).toContain(`${installedOne}, and between them lie (new since 0.0.1):\n  the rule terminates`);
      const refusedBy = d.refusal === undefined ? undefined : d.refusedBy;
      expect({ dryRun, refusedBy }).toEqual({ dryRun, refusedBy: versionsGuard.description });
      expect(events.filter((e) => e === "state" || e === "sign-in")).toEqual([]);
    }
  });

  it("another version, nothing between: a note naming upgrade; the same version or no record: nothing", async () => {
    const d = await versionsGuard.decide(runRecording({ version: "0.0.1", format: 1, rules }).run);
    expect(d.refusal).toBeUndefined();
    const text = expect.stringContaining(`\`npx genesys-flows upgrade --write\` records ${toolVersion()}`);
    expect(d.notes).toEqual([{ level: "warn", text }]);
    const same = runRecording({ version: toolVersion(), format: 1, rules: [] }).run;
    expect(await versionsGuard.decide(same)).toEqual({ product: undefined });
    expect(await versionsGuard.decide(runRecording().run)).toEqual({ product: undefined });
  });

  it("a record that does not read: refused, naming it", async () => {
    const { refusal } = await versionsGuard.decide(runRecording({ version: 3 }).run);
    const what = "cannot tell whether the installed genesys-flows is the version the repository records";
    expect(refusal).toMatch(new RegExp(`^${what}: genesys-flows\\.json: version: `));
  });
});
