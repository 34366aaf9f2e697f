// A migrated or adopted flow keeps its published name whatever the stack's namePrefix (issue 62
// item 4): the stack's `flows.<id>.name` (only beside `adopt`) is published as it is, by the
// planner, the compiler and the callers of a module alike; the prod-name-prefix rule accepts it
// (planner, lint and the pack see the same `nameKept`) instead of asking for a name that would
// replace the flow; routing objects keep theirs the same way; and the review calls a new file
// that takes over an org flow "adopt", not "create".
import { runChecks } from "../../checks";
import { checkInputOf as packInput } from "../../policies/resources";
import { checkInputOf, runPipeline } from "../../planner/pipeline";
import { applyStackValues } from "../../planner/routing";
import { parseRoutingText } from "../../model/routing/load";
import { deployCounts, planDeployChanges, type DeploySide } from "../../diff/deployPlan";
import { renderDeployText } from "../../diff/review";
import { callFlow, lookupModule, plan, settings, sources } from "../../testkit/portfolio";

const FLOWS = { "modules/lookup": lookupModule(), "calls/main": callFlow() };
const KEPT = { adopt: "f-1", name: "Legacy Lookup" };

describe("a kept name", () => {
  it("goes with adopt: without it the stack file is refused, naming the key", () => {
    expect(() => settings({ flows: { "modules/lookup": { name: "Legacy Lookup" } } })).toThrow(
      /genesys-flows:flows\.modules\/lookup\.name.*a kept name goes with adopt/,
    );
    expect(settings({ flows: { "modules/lookup": KEPT } }).flows["modules/lookup"].name).toBe("Legacy Lookup");
  });

  it("is published as it is, whatever the prefix; the compiled module and its callers name it", () => {
    const p = plan(FLOWS, { namePrefix: "prod-", flows: { "modules/lookup": KEPT } });
    expect(p.flows.map((f) => [f.id, f.publishedName])).toEqual([
      ["modules/lookup", "Legacy Lookup"],
      ["calls/main", "prod-Main"],
    ]);
    expect(p.flows[0].templateYaml).toContain("name: Legacy Lookup");
    expect(p.flows[1].templateYaml).toContain("Legacy Lookup:");
    expect(p.flows[1].calls).toEqual(["modules/lookup"]);
  });

  it("prod-name-prefix accepts it (no fix that would replace the flow) and still flags a flow without the prefix; the pack sees the same", () => {
    const stackSettings = settings({ environment: "prod", namePrefix: "dev-", flows: { "modules/lookup": KEPT } });
    const result = runPipeline({
      sources: sources(FLOWS),
      stack: { name: "prod", settings: stackSettings },
      compile: false,
      checks: "none",
    });
    const input = checkInputOf(result.flows, { name: "prod", settings: stackSettings });
    expect(input.flows.map((f) => [f.id, f.displayName, f.nameKept])).toEqual([
      ["calls/main", "dev-Main", undefined],
      ["modules/lookup", "Legacy Lookup", true],
    ]);
    const prod = {
      include: (r: { id: string }) => r.id === "prod-name-prefix",
      settingsOf: () => ({ environments: ["prod"], namePrefix: "prod-" }),
    };
    expect(runChecks(input, prod).map((f) => `${f.file}: ${f.message}`)).toEqual([
      'flows/calls/main.yaml: published name "dev-Main" does not start with "prod-"',
    ]);
    // The pack builds its input from the components' facts: the same verdict.
    const facts = input.flows.map((f) => ({
      facts: {
        stack: "prod",
        environment: "prod",
        namePrefix: "dev-",
        forceUnlock: false,
        id: f.id,
        file: f.file,
        kind: f.model.kind,
        publishedName: f.displayName,
        ...(f.nameKept ? { nameKept: true as const } : {}),
        model: f.model,
        calls: [],
        substitutionKeys: [],
      },
    }));
    expect(runChecks(packInput(facts as never), prod).map((f) => f.file)).toEqual(["flows/calls/main.yaml"]);
  });

  it("a routing object keeps its name beside adopt; without adopt it is refused, naming the key", () => {
    const loaded = parseRoutingText(
      "kind: schedule\nname: Weekdays\nstart: 2026-01-05T08:00:00\nend: 2026-01-05T18:00:00\nrrule: FREQ=WEEKLY;BYDAY=MO\n",
      "routing/schedules/weekdays.yaml",
    );
    expect(applyStackValues(loaded, { adopt: "s-1", name: "Acme Weekdays" }, "Pulumi.test.yaml")).toMatchObject({
      adopt: "s-1",
      keptName: "Acme Weekdays",
    });
    expect(applyStackValues(loaded, { name: "Acme Weekdays" }, "Pulumi.test.yaml")).toEqual({
      issues: [
        {
          file: "Pulumi.test.yaml",
          field: "genesys-flows:routing.objects.schedules/weekdays.name",
          message: "a kept name goes with adopt: it is the name an adopted object has in the org",
        },
      ],
    });
  });
});

describe("the review of an adoption", () => {
  const side = (adopt: boolean): DeploySide => ({
    flows: new Map(
      adopt
        ? [
            [
              "flows/stacks/dev/main.yaml",
              {
                id: "stacks/dev/main",
                file: "flows/stacks/dev/main.yaml",
                kind: "Inbound call",
                name: "Main Line",
                publishedName: "Main Line",
                isModule: false,
                adopt: "f-9",
              },
            ],
          ]
        : [],
    ),
    files: new Set(adopt ? ["flows/stacks/dev/main.yaml"] : []),
    namePrefix: "dev-",
  });
  const none = { flows: [], republish: [] } as unknown as Parameters<typeof planDeployChanges>[2];

  it("says adopt, not create, for a new file that takes over an org flow", () => {
    const review = planDeployChanges(side(false), side(true), none, "Pulumi.dev.yaml");
    expect(review.changes).toEqual([
      {
        action: "adopt",
        id: "stacks/dev/main",
        file: "flows/stacks/dev/main.yaml",
        kind: "Inbound call",
        publishedName: "Main Line",
        why: [
          "genesys-flows:flows.stacks/dev/main.adopt in Pulumi.dev.yaml: the stack takes over Genesys flow f-9 in place (same id; nothing created; published only once it changes, planner/adoption.ts)",
        ],
      },
    ]);
    expect(deployCounts(review)).toBe(
      "0 replaced, 0 deleted, 0 created, 1 adopted, 0 published, 0 republished for a module, 0 unchanged",
    );
    expect(renderDeployText(review, "dev", "HEAD")).toContain('  adopt flows/stacks/dev/main.yaml: "Main Line"');
  });
});
