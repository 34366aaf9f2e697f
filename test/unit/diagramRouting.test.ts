// The stack diagram with routing (diagram/routing.ts through renderStackDiagram, and
// flows:diagram's index page): numbers -> IVR configs -> flows -> modules, schedule groups and
// emergency groups. The project is written here (testkit/routingProject.ts); the shipped
// routing/ and flows/ are not read.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderStackDiagram } from "../../diagram/mermaid";
import { MAX_NUMBER_RUNS, type RoutingEntry } from "../../diagram/routing";
import { parseFlowText } from "../../model/load";
import { diagramPages } from "../../tools/flowsDiagram";
import { routingProject } from "../../testkit/routingProject";

const mermaidOf = (page: string) => /```mermaid\n([\s\S]*?)```/.exec(page)![1];

describe("the stack diagram draws the routing", () => {
  it("numbers -> IVR configs -> flows, the schedule group, and an emergency group while it is on", () => {
    const root = routingProject();
    writeFileSync(
      join(root, "routing", "emergency.yaml"),
      "kind: emergencyGroup\nname: Closure\nenabled: true\nflow: calls/support\nivrs: [ivr/sales-line]\n",
    );
    const readme = diagramPages(root, "test").get("README.md")!;
    expect(readme).toContain("The numbers and the IVR configs routing them to the flows");
    const lines = mermaidOf(readme)
      .split("\n")
      .map((l) => l.trim());
    // The flows (numbered as without routing), then the routing, with the stack's values.
    expect(lines.filter((l) => /^flow_\d\[/.test(l)).map((l) => l.slice(0, 12))).toEqual([
      'flow_1["Sale',
      'flow_2["Supp',
      'flow_3["Chat',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        'schedulegroup_1[("schedule group<br/>test-Business hours<br/>America/New_York<br/>open: schedules/weekdays")]',
        'ivr_1_numbers>"+13175550101"]',
        "ivr_1_numbers --> ivr_1",
        'ivr_1 -->|"open"| flow_1',
        'ivr_1 -.->|"schedule"| schedulegroup_1',
        'ivr_2 -->|"open, closed"| flow_2',
        'emergency_1(("emergency group<br/>test-Closure<br/>ON"))',
        'emergency_1 -.->|"takes over"| ivr_1',
        'emergency_1 -->|"emergency"| flow_2',
        "class emergency_1 removed",
        "class schedulegroup_1,ivr_1,ivr_2 routing",
      ]),
    );
    expect(lines.find((l) => l.startsWith("ivr_1{{"))).toContain("IVR config test-Sales");
  });

  it("is the module graph alone without routing, and byte-identical whatever the order of the routing", () => {
    const flow = parseFlowText(
      "kind: inboundCall\nname: Sales\nstart: Bye\nnodes:\n  Bye:\n    type: disconnect\n",
      "flows/calls/sales.yaml",
    );
    expect(renderStackDiagram([flow], [])).toBe(renderStackDiagram([flow]));
    const numbers = Array.from({ length: MAX_NUMBER_RUNS + 2 }, (_, i) => `+1317555${String(i * 10).padStart(4, "0")}`);
    const routing: RoutingEntry[] = [
      {
        id: "ivr/b",
        publishedName: "B",
        value: {
          kind: "ivr",
          name: "B",
          numbers: [{ from: "+13175559000", to: "+13175559099" }],
          flows: { open: "calls/sales", closed: "calls/gone" },
        },
      },
      { id: "ivr/a", publishedName: "A", value: { kind: "ivr", name: "A", numbers, flows: { open: "calls/sales" } } },
    ];
    const d = renderStackDiagram([flow], routing);
    expect(renderStackDiagram([flow], [...routing].reverse())).toBe(d);
    // Many numbers are counted past MAX_NUMBER_RUNS runs; a range is one run.
    expect(d).toContain(`ivr_1_numbers>"${numbers.slice(0, MAX_NUMBER_RUNS).join("<br/>")}<br/>+2 more"]`);
    expect(d).toContain('ivr_2_numbers>"+13175559000..<br/>+13175559099"]');
    // A flow the stack does not deploy is drawn as missing.
    expect(d).toContain('missingflow_1["calls/gone<br/>flow not in this stack"]');
    expect(d).toContain('ivr_2 -->|"closed"| missingflow_1');
  });
});
