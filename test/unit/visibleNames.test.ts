// Names a person can see (model/visibleNames.ts), and the one check that uses them for flows and
// routing objects (checks/names.ts unique-names, checks/routingChecks.ts routing-unique-names): a
// name with a character nobody sees is refused; a twin a person cannot tell from another name of
// the stack is refused. Cases from Unicode's confusables for Latin (UTS #39, confusables.txt).
import { codePoint, invisibleProblem, nameKeys, skeleton } from "../../model/visibleNames";
import { flowNameProblem } from "../../model/types";
import { checkUniqueNames } from "../../checks/names";
import { lintProject } from "../../policies/lint/project";
import { plan } from "../../testkit/portfolio";
import { tempProject } from "../../testkit/tempProject";

const lintSource = (files: Record<string, string>) => lintProject(tempProject(files), { paths: [] });

describe("a character nobody sees", () => {
  it.each([
    ["a zero-width space", "Sales\u200BLine", "U+200B at position 6"],
    ["a right-to-left override", "Sales \u202ELine", "U+202E at position 7"],
    ["a control character", "Sales\u0007", "U+0007 at position 6"],
    ["a zero-width joiner", "Bill\u200Ding", "U+200D at position 5"],
    ["a soft hyphen", "Sup\u00ADport", "U+00AD at position 4"],
    ["a word joiner", "Support\u2060", "U+2060 at position 8"],
  ])("%s is refused, named by its code point", (_what, name, where) => {
    expect(invisibleProblem(name)).toBe(`holds a character nobody sees, ${where}`);
    expect(flowNameProblem(name)).toBe(`holds a character nobody sees, ${where}`);
  });
  it("what a person sees is not refused: letters of any script, accents, spaces, punctuation", () => {
    for (const name of [
      "Sales Line",
      "Ventes – Québec",
      "Служба поддержки",
      "サポート",
      "Support (24/7)".replace("/", "-"),
    ])
      expect(invisibleProblem(name)).toBeUndefined();
    expect(codePoint("\u{1F600}")).toBe("U+1F600");
  });
});

describe("the skeleton: twins a person cannot tell apart", () => {
  it.each([
    ["Cyrillic а, е, о, р, с", "Sаlеs Suрроrt Оffiсе", "Sales Support Office"],
    ["Greek ο and Α", "Bοoking Αgent", "Booking Agent"],
    ["full-width letters (NFKC)", "Ｓａｌｅｓ", "Sales"],
    ["a ligature (NFKC)", "Oﬃce", "Office"],
    ["a no-break space (NFKC)", "Sales\u00A0Line", "Sales Line"],
    ["capital I, digit 1 and l", "BiII Line 1", "Bill Line l"],
    ["Cyrillic capital В", "Вilling", "Billing"],
    ["Cyrillic palochka and capital i", "\u04C0nbound", "Inbound"],
    ["digit 0 and O", "R0UTE", "ROUTE"],
  ])("%s", (_what, twin, original) => {
    expect(twin).not.toBe(original);
    expect(skeleton(twin)).toBe(skeleton(original));
  });
  it("names that differ visibly keep different skeletons; case collides on its own key, as Genesys compares names", () => {
    expect(nameKeys("BUSINESS HOURS")[0]).toBe(nameKeys("Business hours")[0]);
    expect(skeleton("Mail")).not.toBe(skeleton("Mall"));
    expect(skeleton("Sales")).not.toBe(skeleton("Sale"));
    expect(skeleton("Служба")).not.toBe(skeleton("Sales"));
  });
});

describe("lint refuses them, naming the file, the field and what differs", () => {
  const flow = (name: string) =>
    `kind: inboundCall\nname: "${name}"\nstart: Bye\nnodes:\n  Bye:\n    type: disconnect\n`;
  it("a flow name with a zero-width space is a load error at its line", () => {
    const r = lintSource({ "flows/calls/a.yaml": flow("Sales\\u200BLine") });
    expect(r.findings.map((f) => [f.file, f.ruleId, f.line])).toEqual([["flows/calls/a.yaml", "load-error", 2]]);
    expect(r.findings[0]!.message).toContain("a flow name that holds a character nobody sees, U+200B at position 6");
  });
  it("a Cyrillic twin of another flow's name is refused by unique-names, both named", () => {
    const r = lintSource({ "flows/calls/a.yaml": flow("Billing"), "flows/calls/b.yaml": flow("Bіlling") });
    const f = r.findings.find((x) => x.ruleId === "unique-names")!;
    expect(f.file).toBe("flows/calls/b.yaml");
    expect(f.message).toBe(
      'flow name "Bіlling" looks the same as the flow name "Billing" of flows/calls/a.yaml ("і" U+0456 where the other has "i" U+0069): a person cannot tell the two flows apart',
    );
    expect(r.exitCode).toBe(1);
  });
  it("the same check runs on published names with a stack", () => {
    const flows = [
      { file: "flows/a.yaml", id: "a", displayName: "dev-Billing", model: { name: "Billing" } },
      { file: "flows/b.yaml", id: "b", displayName: "dev-Bilⅼing", model: { name: "Bilⅼing" } },
    ] as never;
    expect(checkUniqueNames(flows, true).map((f) => f.message)).toEqual([
      'published name "dev-Bilⅼing" looks the same as the published name "dev-Billing" of flows/a.yaml ("ⅼ" U+217C where the other has "l" U+006C): a person cannot tell the two flows apart',
    ]);
  });
});

describe("routing objects: the same check", () => {
  const schedule = (name: string) =>
    `kind: schedule\nname: "${name}"\nstart: 2026-01-05T08:00:00\nend: 2026-01-05T18:00:00\nrrule: FREQ=WEEKLY;BYDAY=MO\n`;
  const flow = "kind: inboundCall\nname: Main\nstart: Bye\nnodes:\n  Bye:\n    type: disconnect\n";
  it("a schedule named with Cyrillic е beside Weekdays is refused by routing-unique-names", () => {
    const r = lintSource({
      "flows/calls/main.yaml": flow,
      "routing/schedules/a.yaml": schedule("Weekdays"),
      "routing/schedules/b.yaml": schedule("Wееkdays"),
    });
    const f = r.findings.find((x) => x.ruleId === "routing-unique-names")!;
    expect(f.message).toContain(
      'schedule name "Wееkdays" looks the same as "Weekdays" of routing/schedules/a.yaml ("е" U+0435 where the other has "e" U+0065)',
    );
    expect(f.level).toBe("mandatory");
  });
  it("a routing name with a zero-width space is refused at its line", () => {
    const r = lintSource({ "flows/calls/main.yaml": flow, "routing/schedules/a.yaml": schedule("Week\\u200Bdays") });
    expect(
      r.findings.map((f) => [
        f.file,
        f.line,
        f.message.includes("a name that holds a character nobody sees, U+200B at position 5"),
      ]),
    ).toEqual([["routing/schedules/a.yaml", 2, true]]);
  });
});

describe("the gate: a deploy plans nothing with a twin", () => {
  it("the planner (every preview and up) refuses the twin published names, naming both files", () => {
    const call = (name: string) => ({
      kind: "inboundCall",
      name,
      start: "Bye",
      nodes: { Bye: { type: "disconnect" } },
    });
    expect(() =>
      plan({ "calls/billing": call("Billing"), "calls/twin": call("Вilling") } as never, { namePrefix: "dev-" }),
    ).toThrow(
      /flows\/calls\/twin\.yaml.*published name "dev-Вilling" looks the same as the published name "dev-Billing" of flows\/calls\/billing\.yaml \("В" U\+0412 where the other has "B" U\+0042\)/s,
    );
  });
});
