// Adoption without surprises, the pure parts: files under flows/stacks/<stack>/ (and
// routing/stacks/<stack>/) belong to that stack alone; adopted flows and routing objects are
// retained in the org on delete unless the stack file says otherwise; the import puts what it adopts
// in the stack's folder; hints print deploy commands that work as printed; the provider forgets a
// deleted flow in seconds.
import { belongsToStack, owningStack, selectFlowIds, stackOfStackFile } from "../../planner/select";
import { applyStackValues, planRouting } from "../../planner/routing";
import { parseRoutingText } from "../../model/routing/load";
import { deployCommand } from "../../project/deployCommand";
import { DEFAULT_READ_RETRY_TIMEOUT, providerArgs } from "../../components/provider";
import { decideOwnership, ownershipNotes } from "../../ownership/check";
import { main as importMain } from "../../tools/importFlows";
import { callFlow, lookupModule, messageOf, plan, settings } from "../../testkit/portfolio";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("flows/stacks/<stack>/ belongs to that stack", () => {
  it("owningStack and belongsToStack: only ids under stacks/<name>/...", () => {
    expect(owningStack("stacks/dev/legacy-support")).toBe("dev");
    expect(owningStack("stacks/dev/ivr/line")).toBe("dev");
    expect(owningStack("stacks/dev")).toBeUndefined();
    expect(owningStack("calls/stacks/dev/x")).toBeUndefined();
    expect(belongsToStack("stacks/dev/x", "prod")).toBe(false);
    expect(belongsToStack("stacks/dev/x", "dev")).toBe(true);
    expect(belongsToStack("calls/sales", "prod")).toBe(true);
    expect(stackOfStackFile("Pulumi.dev.yaml")).toBe("dev");
    expect(stackOfStackFile("/x/Pulumi.prod.yaml")).toBe("prod");
    expect(stackOfStackFile("stack.yaml")).toBeUndefined();
  });
  it("selectFlowIds: another stack's folder is never selected, whatever the globs; the stack's own folder still follows its globs", () => {
    const ids = ["calls/sales", "stacks/dev/legacy", "stacks/prod/legacy"];
    const all = { include: ["**"], exclude: [] };
    expect(selectFlowIds(ids, all, "dev")).toEqual(["calls/sales", "stacks/dev/legacy"]);
    expect(selectFlowIds(ids, all, "prod")).toEqual(["calls/sales", "stacks/prod/legacy"]);
    expect(selectFlowIds(ids, all, "local")).toEqual(["calls/sales"]);
    expect(selectFlowIds(ids, { include: ["stacks/**"], exclude: [] }, "dev")).toEqual(["stacks/dev/legacy"]);
    expect(selectFlowIds(ids, { include: ["**"], exclude: ["stacks/**"] }, "dev")).toEqual(["calls/sales"]);
  });
  it("the planned portfolio: another stack's adopted flow is absent; calling another stack's module names the folder", () => {
    const flows = {
      "modules/lookup": lookupModule(),
      "calls/main": callFlow("Main"),
      "stacks/other/legacy": callFlow("Legacy"),
    };
    expect(plan(flows, {}, "test").flows.map((f) => f.id)).toEqual(["modules/lookup", "calls/main"]);
    expect(
      plan(flows, {}, "other")
        .flows.map((f) => f.id)
        .sort(),
    ).toEqual(["calls/main", "modules/lookup", "stacks/other/legacy"]);
    const message = messageOf(() =>
      plan({ "stacks/other/lookup": lookupModule(), "calls/main": callFlow("Main") }, {}, "test"),
    );
    expect(message).toContain('is under flows/stacks/other/, which only stack "other" deploys');
  });
});

describe("adopted objects are retained on delete unless the stack file says otherwise", () => {
  const flows = { "modules/lookup": lookupModule(), "calls/main": callFlow("Main") };
  const retained = (raw: Record<string, unknown>) =>
    Object.fromEntries(plan(flows, raw).flows.map((f) => [f.id, f.retainOnDelete]));
  it('flows: adopted -> retained; retainOnDelete: false (or "false") lets down delete it; a flow the stack made is not retained', () => {
    expect(retained({})).toEqual({ "modules/lookup": false, "calls/main": false });
    expect(retained({ flows: { "calls/main": { adopt: "f-1" } } })).toEqual({
      "modules/lookup": false,
      "calls/main": true,
    });
    expect(retained({ flows: { "calls/main": { adopt: "f-1", retainOnDelete: false } } })).toEqual({
      "modules/lookup": false,
      "calls/main": false,
    });
    expect(retained({ flows: { "calls/main": { adopt: "f-1", retainOnDelete: "false" } } })).toEqual({
      "modules/lookup": false,
      "calls/main": false,
    });
    expect(retained({ flows: { "modules/lookup": { retainOnDelete: true } } })).toEqual({
      "modules/lookup": true,
      "calls/main": false,
    });
    expect(() => settings({ flows: { "calls/main": { retainOnDelete: "yes" } } })).toThrow(/retainOnDelete/);
  });
  const SCHEDULE =
    "kind: schedule\nname: Weekdays\nstart: 2026-01-05T08:00:00\nend: 2026-01-05T18:00:00\nrrule: FREQ=WEEKLY;BYDAY=MO\n";
  it("routing: retainOnDelete beside adopt, true or false; anything else is refused naming the key", () => {
    const loaded = parseRoutingText(SCHEDULE, "routing/schedules/weekdays.yaml");
    expect(applyStackValues(loaded, { adopt: "s-1" }, "Pulumi.test.yaml")).toMatchObject({ adopt: "s-1" });
    expect(applyStackValues(loaded, { adopt: "s-1", retainOnDelete: false }, "Pulumi.test.yaml")).toMatchObject({
      adopt: "s-1",
      retainOnDelete: false,
    });
    expect(applyStackValues(loaded, { retainOnDelete: 3 }, "Pulumi.test.yaml")).toEqual({
      issues: [
        {
          file: "Pulumi.test.yaml",
          field: "genesys-flows:routing.objects.schedules/weekdays.retainOnDelete",
          message: "expected true or false, found 3",
        },
      ],
    });
  });
  it("routing: adopted objects planned as retained; routing/stacks/<other>/ left out of this stack's plan", () => {
    const sources = [
      { id: "schedules/weekdays", file: "routing/schedules/weekdays.yaml", text: SCHEDULE },
      {
        id: "stacks/other/schedules/legacy",
        file: "routing/stacks/other/schedules/legacy.yaml",
        text: SCHEDULE.replace("Weekdays", "Legacy"),
      },
      {
        id: "stacks/test/schedules/mine",
        file: "routing/stacks/test/schedules/mine.yaml",
        text: SCHEDULE.replace("Weekdays", "Mine"),
      },
    ];
    const s = settings({ routing: { objects: { "stacks/test/schedules/mine": { adopt: "s-9" } } } });
    const planned = planRouting({ settings: s, sources, flows: [], stackFile: "Pulumi.test.yaml" });
    expect(planned.objects.map((o) => [o.id, o.adopt, o.retainOnDelete])).toEqual([
      ["schedules/weekdays", undefined, false],
      ["stacks/test/schedules/mine", "s-9", true],
    ]);
  });
});

describe("flows:import --stack writes into the stack's own folder", () => {
  it("--out in another stack's folder is a usage error naming both stacks", async () => {
    const root = mkdtempSync(join(tmpdir(), "adoption-scope-"));
    try {
      let err = "";
      const code = await importMain(
        ["--root", root, "--stack", "dev", "--prefix", "dev-Legacy", "--out", "flows/stacks/prod"],
        { out: { write: () => true }, err: { write: (s: string) => (err += s) } },
      );
      expect(code).toBe(2);
      expect(err).toContain(
        'flows/stacks/prod/ belongs to stack "prod", which would not deploy what stack "dev" adopts; use flows/stacks/dev',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it("the help says where adopted files go and that adopted objects are retained", async () => {
    let out = "";
    expect(
      await importMain(["--help"], { out: { write: (s: string) => (out += s) }, err: { write: () => true } }),
    ).toBe(0);
    expect(out).toContain("with --stack, flows/stacks/<name>: only that stack deploys them");
    expect(out).toContain("retainOnDelete");
  });
});

describe("deployCommand: hints that work as printed", () => {
  it("npm start takes pulumi options after npm's --; other stacks through npm run up", () => {
    expect(deployCommand("local")).toBe("npm start");
    expect(deployCommand("local", ["--refresh"])).toBe("npm start -- --refresh");
    expect(deployCommand("dev", ["--refresh"])).toBe("npm run up -- --stack dev --refresh");
    expect(deployCommand("prod")).toBe("npm run up -- --stack prod");
  });
});

describe("the provider forgets a deleted flow in seconds", () => {
  it("customRetryTimeout: 15s unless the stack sets a Go duration; anything else is refused", () => {
    expect(providerArgs(settings({}), {}).customRetryTimeout).toBe(DEFAULT_READ_RETRY_TIMEOUT);
    expect(DEFAULT_READ_RETRY_TIMEOUT).toBe("15s");
    expect(providerArgs(settings({ provider: { customRetryTimeout: "1m30s" } }), {}).customRetryTimeout).toBe("1m30s");
    expect(() => settings({ provider: { customRetryTimeout: "5 minutes" } })).toThrow(/a Go duration such as 15s/);
  });
  it("the warning for a flow gone from the org names the provider's unlock error", () => {
    const v = decideOwnership(
      { id: "sales", resourceName: "sales", file: "flows/sales.yaml", publishedName: "dev-Sales", type: "INBOUNDCALL" },
      {
        stack: "dev",
        stackFile: "Pulumi.dev.yaml",
        state: {
          flows: [{ resourceName: "sales", flowId: "f1", name: "dev-Sales" }],
          unfinishedCreates: [],
          claimKeys: {},
        },
      },
      [],
    );
    expect(ownershipNotes([v])[0]).toContain('fails with "Failed to unlock targeted flow f1" when forceUnlock is on');
  });
});
