// flows:diff over routing/ (diff/routingDiff.ts, diff/portfolioDiff.ts, tools/flowsDiff.ts): a
// number moved between IVR configs, a schedule changed, an emergency group switched on, an IVR
// config re-pointed to another flow, each side with its own stack values; the pull-request comment
// holds them within its budget. The project is written here (testkit/routingProject.ts) in a
// temporary git repository; the shipped routing/ is not read.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { diffRouting, renderRoutingMarkdown, type RoutingObjectView } from "../../diff/routingDiff";
import { numberRuns } from "../../model/routing/schema";
import { main } from "../../tools/flowsDiff";
import { routingProject } from "../../testkit/routingProject";
import { editFile, runMain } from "../../testkit/fixtureProject";

const EMERGENCY =
  "kind: emergencyGroup\nname: Closure\nflow: calls/support\nivrs: [ivr/sales-line, ivr/support-line]\n";

function repo(): string {
  const root = routingProject();
  writeFileSync(join(root, "routing", "emergency.yaml"), EMERGENCY);
  const git = (...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
      {
        cwd: root,
        stdio: "pipe",
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
      },
    );
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  return root;
}
const diff = (root: string, ...argv: string[]) => runMain(main, ["--root", root, "--base", "main", ...argv]);

describe("flows:diff reports routing changes", () => {
  it("a number moved, a schedule changed, an emergency group switched on, an IVR config re-pointed", () => {
    const root = repo();
    editFile(root, "routing/ivr/support-line.yaml", '["+13175550200"]', '["+13175550200", "+13175550100"]');
    editFile(root, "routing/ivr/sales-line.yaml", '["+13175550100"]', "[]");
    editFile(root, "routing/schedules/weekdays.yaml", "BYDAY=MO,TU,WE,TH,FR", "BYDAY=MO,TU,WE,TH");
    editFile(root, "routing/emergency.yaml", "name: Closure\n", "name: Closure\nenabled: true\n");
    editFile(root, "routing/ivr/support-line.yaml", "  closed: calls/support", "  closed: calls/sales");
    const r = diff(root);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const section = r.out.slice(r.out.indexOf("Routing changes:"));
    expect(section.split("\n").filter((l) => l !== "")).toEqual([
      "Routing changes:",
      "  +13175550100 moved from ivr/sales-line to ivr/support-line",
      "  emergency group emergency (Closure): switched on",
      "  IVR config ivr/support-line (Support line): closed flow: calls/support → calls/sales",
      "  schedule schedules/weekdays (Weekdays): rrule: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR → FREQ=WEEKLY;BYDAY=MO,TU,WE,TH",
    ]);
  });

  it("compares each side with its stack's values: a value changed in the stack file is a routing change", () => {
    const root = repo();
    editFile(
      root,
      "Pulumi.test.yaml",
      'ivr/sales-line: {numbers: ["+13175550101"]}',
      'ivr/sales-line: {numbers: ["+13175550102"]}\n      emergency: {enabled: true}\n      hours/business: {timeZone: America/Chicago}',
    );
    const r = diff(root, "--stack", "test", "--format", "markdown");
    expect(r.code).toBe(0);
    const section = r.out.slice(r.out.indexOf("### Routing changes"));
    expect(section).toContain("- `+13175550101` no longer routed (was `ivr/sales-line`)");
    expect(section).toContain("- `+13175550102` now routed by `ivr/sales-line`");
    expect(section).toContain("- emergency group `emergency` (test-Closure): switched on");
    expect(section).toContain(
      "- schedule group `hours/business` (test-Business hours): time zone: America/New_York → America/Chicago",
    );
    // Without the stack, the files as declared: nothing changed.
    expect(diff(root).out).not.toContain("Routing changes");
  });

  it("reports what a deploy of the head's routing would refuse, and a routing file that does not load", () => {
    const root = repo();
    editFile(root, "routing/hours/business.yaml", "open: [schedules/weekdays]", "open: []");
    const refused = diff(root);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      'routing/hours/business.yaml:4:1: field "open": a schedule group needs at least one open schedule',
    );
    editFile(root, "routing/hours/business.yaml", "America/New_York", "Mars/Olympus");
    const broken = diff(root);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain("routing/hours/business.yaml:3");
    expect(broken.out).not.toContain("schedule group hours/business");
  });

  it("puts the routing changes in the pull-request comment", () => {
    const root = repo();
    editFile(root, "routing/emergency.yaml", "name: Closure\n", "name: Closure\nenabled: true\n");
    const r = diff(root, "--comment", join(root, "comment.md"));
    expect(r.code).toBe(0);
    const comment = readFileSync(join(root, "comment.md"), "utf8");
    expect(comment).toContain("No flow changes.");
    expect(comment).toContain("### Routing changes\n\n- emergency group `emergency` (Closure): switched on\n");
  });
});

describe("the routing diff (pure)", () => {
  const ivr = (id: string, numbers: Array<string | { from: string; to: string }>): [string, RoutingObjectView] => [
    id,
    {
      id,
      file: `routing/${id}.yaml`,
      publishedName: id,
      value: { kind: "ivr", name: id, numbers, flows: { open: "calls/a" } },
    },
  ];

  it("groups numbers that move together and writes runs as ranges", () => {
    const d = diffRouting(
      new Map([ivr("ivr/a", [{ from: "+13175550110", to: "+13175550119" }, "+13175550200"])]),
      new Map([ivr("ivr/a", ["+13175550200"]), ivr("ivr/b", [{ from: "+13175550110", to: "+13175550119" }])]),
    );
    expect(d.numbers).toEqual([
      { numbers: Array.from({ length: 10 }, (_, i) => `+1317555011${i}`), from: "ivr/a", to: "ivr/b" },
    ]);
    expect(numberRuns(d.numbers[0].numbers)).toEqual(["+13175550110..+13175550119"]);
    expect(numberRuns(["+1300", "+1302", "+1303"])).toEqual(["+1300", "+1302..+1303"]);
  });

  it("stays within the comment's budget, counting what it leaves out", () => {
    // 400 IVR configs each taking a number from another: 400 lines.
    const base = new Map(
      Array.from({ length: 400 }, (_, i) => ivr(`ivr/old-${i}`, [`+1317555${String(i * 2).padStart(4, "0")}`])),
    );
    const head = new Map(
      Array.from({ length: 400 }, (_, i) => ivr(`ivr/new-${i}`, [`+1317555${String(i * 2).padStart(4, "0")}`])),
    );
    const d = diffRouting(base, head);
    const full = renderRoutingMarkdown(d);
    expect(full.length).toBeGreaterThan(5_000);
    const bounded = renderRoutingMarkdown(d, 5_000);
    expect(bounded.length).toBeLessThanOrEqual(5_000);
    const shown = bounded.split("\n").filter((l) => l.startsWith("- `")).length;
    expect(bounded).toContain(`- … and ${1200 - shown} more routing changes: see the full report`);
    expect(renderRoutingMarkdown(d, 10)).toBe("");
  });
});
