// Lint over routing/ (tools/lintFlows.ts, policies/lint/routing.ts): each routing check of
// issue 27 item 3 refused (or warned about) at its file and line, with and without a stack, and
// the org-backed parts with --org through a fake org. The project is written here; the shipped
// routing/ and flows/ are not read.
import { routingProject as project } from "../../testkit/routingProject";
import { orgFindings, runLint, type LintOrgReader } from "../../tools/lintFlows";
import type { LintFinding } from "../../policies/lint/engine";

const routingFindings = (fs: readonly LintFinding[]) =>
  fs.filter((f) => f.ruleId.startsWith("routing-") || f.ruleId === "org-references");
const at = (f: LintFinding) => `${f.level} ${f.ruleId} ${f.file}:${f.line}`;
const lint = (root: string, ...argv: string[]) => runLint(argv, { cwd: root });

describe("lint reads routing/", () => {
  it("passes a consistent project, with and without the stack, and lists the routing rules it ran", () => {
    for (const argv of [[], ["--stack", "test"]]) {
      const result = lint(project(), ...argv);
      expect(result.stderr).toBe("");
      expect(routingFindings(result.report!.findings).map(at)).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(result.report!.files).toContain("routing/ivr/sales-line.yaml");
      expect(
        result.report!.rules.filter((r) => r.id.startsWith("routing-")).map((r) => `${r.id} ${r.level} ${r.status}`),
      ).toContain("routing-numbers mandatory run");
    }
  });

  it("refuses a number routed twice in the stack, at the second one's line", () => {
    const root = project([["routing/ivr/support-line.yaml", '"+13175550200"', '"+13175550200", "+13175550100"']]);
    // Without the stack, the files as declared: both route +13175550100.
    const plain = lint(root);
    expect(routingFindings(plain.report!.findings).map(at)).toEqual([
      "mandatory routing-numbers routing/ivr/support-line.yaml:3",
    ]);
    expect(plain.report!.findings[0].text).toContain("routing/ivr/sales-line.yaml (line 3)");
    expect(plain.exitCode).toBe(1);
    // The stack moves the sales line to +13175550101: no clash there.
    expect(routingFindings(lint(root, "--stack", "test").report!.findings)).toEqual([]);
  });

  it("refuses an IVR flow that is not an inbound call flow of the stack", () => {
    const root = project([["routing/ivr/support-line.yaml", "  closed: calls/support", "  closed: digital/chat"]]);
    const result = lint(root, "--stack", "test");
    expect(routingFindings(result.report!.findings).map(at)).toEqual([
      "mandatory routing-flows routing/ivr/support-line.yaml:6",
    ]);
    expect(result.report!.findings[0].message).toContain("not an inbound call flow");
    expect(result.exitCode).toBe(1);
    // A flow the stack leaves out is not one of its flows.
    const excluded = project([
      [
        "Pulumi.test.yaml",
        "  genesys-flows:routing:",
        "  genesys-flows:exclude: [calls/support]\n  genesys-flows:routing:",
      ],
    ]);
    expect(
      routingFindings(lint(excluded, "--stack", "test").report!.findings).map(
        (f) => `${at(f)} ${f.message.slice(0, 32)}`,
      ),
    ).toEqual([
      "mandatory routing-flows routing/ivr/support-line.yaml:5 no flow flows/calls/support.yaml",
      "mandatory routing-flows routing/ivr/support-line.yaml:6 no flow flows/calls/support.yaml",
    ]);
  });

  it("refuses a schedule group with no open schedule", () => {
    const result = lint(
      project([
        ["routing/hours/business.yaml", "open: [schedules/weekdays]", "open: []\nclosed: [schedules/weekdays]"],
      ]),
    );
    expect(routingFindings(result.report!.findings).map(at)).toEqual([
      "mandatory routing-open-schedule routing/hours/business.yaml:4",
    ]);
    expect(result.exitCode).toBe(1);
  });

  it("refuses an invalid RRULE or time zone, in the routing file or in the stack's values", () => {
    const rrule = lint(project([["routing/schedules/weekdays.yaml", "FREQ=WEEKLY", "FREQ=SOMETIMES"]]));
    expect(routingFindings(rrule.report!.findings).map(at)).toEqual([
      "mandatory routing-load-error routing/schedules/weekdays.yaml:5",
    ]);
    expect(rrule.exitCode).toBe(1);
    const zone = lint(project([["routing/hours/business.yaml", "America/New_York", "EST"]]));
    expect(routingFindings(zone.report!.findings).map(at)).toEqual([
      "mandatory routing-load-error routing/hours/business.yaml:3",
    ]);
    const stackZone = lint(
      project([
        ["Pulumi.test.yaml", "    objects:\n", "    objects:\n      hours/business: {timeZone: Mars/Olympus}\n"],
      ]),
      "--stack",
      "test",
    );
    const [f] = routingFindings(stackZone.report!.findings);
    expect(at(f)).toBe("mandatory routing-load-error Pulumi.test.yaml:8");
    expect(f.text).toContain("genesys-flows:routing.objects.hours/business.timeZone");
  });

  it("refuses a schedule group an IVR config names that the stack does not define", () => {
    const result = lint(
      project([["routing/ivr/sales-line.yaml", "scheduleGroup: hours/business", "scheduleGroup: hours/busines"]]),
    );
    const [f] = routingFindings(result.report!.findings);
    expect(at(f)).toBe("mandatory routing-references routing/ivr/sales-line.yaml:6");
    expect(f.message).toContain('did you mean "hours/business"');
    expect(result.exitCode).toBe(1);
  });

  it("warns about a schedule group a flow's scheduleGroup node names that the stack does not define (the org may have it)", () => {
    const root = project([["Pulumi.test.yaml", "hours: test-Business hours", "hours: Main office"]]);
    const result = lint(root, "--stack", "test");
    const [f] = routingFindings(result.report!.findings);
    expect(at(f)).toBe("advisory routing-flow-groups flows/calls/sales.yaml:7");
    expect(f.node).toBe("Hours");
    expect(f.message).toContain('"Main office" is not one of the stack\'s routing ("test-Business hours")');
    expect(result.exitCode).toBe(0);
  });

  it("warns about an inbound call flow no IVR config reaches", () => {
    const result = lint(
      project([
        [
          "routing/ivr/support-line.yaml",
          /flows:\n {2}open: calls\/support\n {2}closed: calls\/support/,
          "flows:\n  open: calls/sales",
        ],
      ]),
      "--stack",
      "test",
    );
    expect(routingFindings(result.report!.findings).map(at)).toEqual([
      "advisory routing-unreached-flows flows/calls/support.yaml:1",
    ]);
    expect(result.exitCode).toBe(0);
  });

  it("reports routing findings in SARIF and JSON like the flow rules", () => {
    const root = project([["routing/hours/business.yaml", "open: [schedules/weekdays]", "open: []"]]);
    const sarif = JSON.parse(lint(root, "--format", "sarif").stdout);
    const run = sarif.runs[0];
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === "routing-open-schedule");
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe("routing-open-schedule");
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "routing/hours/business.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: 4, startColumn: 1 },
    });
    const json = JSON.parse(lint(root, "--format", "json").stdout);
    expect(JSON.stringify(json)).toContain("routing-open-schedule");
  });

  it("lints routing only for the whole project: given paths, only those flow files", () => {
    const root = project([["routing/hours/business.yaml", "open: [schedules/weekdays]", "open: []"]]);
    const result = lint(root, "flows/calls");
    expect(routingFindings(result.report!.findings)).toEqual([]);
    expect(result.report!.rules.some((r) => r.id.startsWith("routing-"))).toBe(false);
  });
});

describe("lint --stack --org: the org-backed routing checks", () => {
  /** A DID pool holding every number the test project routes. */
  const ALL_HELD = [{ id: "pool-1", startPhoneNumber: "+13175550000", endPhoneNumber: "+13175559999" }];
  /** An org with these IVR configs, schedule groups and DID pools (`"unreadable"`: their read fails); records what was read. */
  function fakeOrg(
    ivrs: Array<{ id: string; name: string; dnis: string[] }>,
    scheduleGroups: string[] = [],
    didPools: Array<Record<string, string>> | "unreadable" = ALL_HELD,
  ) {
    const reads: string[] = [];
    let signIns = 0;
    const api = {
      async all<T>(path: string): Promise<T[]> {
        reads.push(path);
        if (path === "/api/v2/architect/ivrs") return ivrs as T[];
        if (path === "/api/v2/architect/schedulegroups")
          return scheduleGroups.map((name, i) => ({ id: `sg-${i}`, name })) as T[];
        if (path === "/api/v2/telephony/providers/edges/didpools") {
          if (didPools === "unreadable") throw new Error("403: missing telephony:plugin:all");
          return didPools as T[];
        }
        return [];
      },
      async get<T>(): Promise<T | undefined> {
        return undefined;
      },
    };
    const connect = async (): Promise<LintOrgReader> => {
      signIns++;
      return { api, target: "the fake org" };
    };
    return { connect, reads, signIns: () => signIns };
  }
  const lintOrg = async (root: string, org: ReturnType<typeof fakeOrg>) =>
    runLint(["--stack", "test", "--org"], { cwd: root, org: await orgFindings(root, "test", org.connect) });

  it("refuses a number an IVR config the stack does not manage routes in the org; the stack's own IVR config may hold it", async () => {
    const root = project();
    const other = fakeOrg([{ id: "ivr-9", name: "Legacy line", dnis: ["+13175550200"] }]);
    const result = await lintOrg(root, other);
    expect(routingFindings(result.report!.findings).map(at)).toEqual([
      "mandatory routing-numbers routing/ivr/support-line.yaml:3",
    ]);
    expect(result.report!.findings[0].message).toContain(
      'IVR config "Legacy line" (ivr-9), which this stack does not manage',
    );
    expect(result.exitCode).toBe(1);
    expect(other.signIns()).toBe(1);
    // The number is held by the stack's own sales line in the org (moving in this up): fine.
    const own = await lintOrg(root, fakeOrg([{ id: "ivr-1", name: "test-Sales line", dnis: ["+13175550200"] }]));
    expect(routingFindings(own.report!.findings)).toEqual([]);
  });

  it("refuses a schedule group a flow names that neither the stack defines nor the org has, and only that", async () => {
    const missing = project([["Pulumi.test.yaml", "hours: test-Business hours", "hours: Main office"]]);
    const result = await lintOrg(missing, fakeOrg([], ["Main offices"]));
    const [f] = routingFindings(result.report!.findings);
    expect(at(f)).toBe("mandatory org-references flows/calls/sales.yaml:5");
    expect(f.message).toContain('schedule group "Main office"');
    expect(result.exitCode).toBe(1);
    // The org has it: nothing; the stack defines it (the org does not have it yet): nothing, and the group is not even read.
    expect(routingFindings((await lintOrg(missing, fakeOrg([], ["Main office"]))).report!.findings)).toEqual([]);
    const defined = fakeOrg([]);
    expect(routingFindings((await lintOrg(project(), defined)).report!.findings)).toEqual([]);
    expect(defined.reads).toEqual(["/api/v2/architect/ivrs", "/api/v2/telephony/providers/edges/didpools"]);
  });

  it("warns about a number no DID pool of the org holds, and says when the DID pools cannot be read", async () => {
    const root = project();
    const none = await lintOrg(root, fakeOrg([], [], []));
    const unheld = routingFindings(none.report!.findings).filter((f) => f.ruleId === "routing-unheld-numbers");
    expect(unheld.length).toBeGreaterThan(0);
    expect(unheld.every((f) => f.level === "advisory" && f.file.startsWith("routing/ivr/"))).toBe(true);
    expect(none.exitCode).toBe(0);
    // A pool holding them: nothing.
    expect(routingFindings((await lintOrg(root, fakeOrg([], [], ALL_HELD))).report!.findings)).toEqual([]);
    // Unreadable: not checked, and the reason is kept for the command to print.
    const unread = await orgFindings(root, "test", fakeOrg([], [], "unreadable").connect);
    expect(unread.didPools).toBeUndefined();
    expect(unread.didPoolsUnread).toContain("telephony:plugin:all");
  });
});
