// The export's line of a finding of an imported flow (import/sourceLines.ts): nodes by the action
// they came from, a run of raw actions by the action the field names, archySettings by the field,
// and the element lists archySettings keeps only in part by refId, not by index.
import { fieldSegments, sourceLines } from "../../import/sourceLines";
import { readYaml } from "../../model/yamlReader";

const EXPORT = `inboundCall:
  name: Lines
  settingsMenu:
    repeatCount:
      lit: 3
  tasks:
    - task:
        name: Typed
        refId: Typed_1
        actions:
          - disconnect:
              name: Bye
    - task:
        name: Raw
        refId: Raw_2
        actions:
          - playAudio:
              name: First
          - frobnicate:
              name: Second
              colour:
                lit: blue
`;

function setUp() {
  const read = readYaml(EXPORT);
  if (!read.ok) throw new Error("test export is not YAML");
  const doc = read.value as { inboundCall: Record<string, never> };
  return sourceLines({
    archyKey: "inboundCall",
    original: doc.inboundCall,
    // Only the second task is kept raw: its index there is 0, in the export 1.
    archySettings: { settingsMenu: {}, tasks: [{ task: { name: "Raw", refId: "Raw_2" } }] },
    sources: new Map<string, Array<string | number>>([
      ["Bye", ["inboundCall", "tasks", 0, "task", "actions", 0]],
      ["Run", ["inboundCall", "tasks", 1, "task", "actions", 0]],
    ]),
    lineOf: (p) => read.locator.locate(p).line,
  });
}

describe("the export's line of an imported flow's finding", () => {
  it("splits a field into keys and indices", () => {
    expect(fieldSegments("actions[2].callTask.outputs[10].name")).toEqual([
      "actions",
      2,
      "callTask",
      "outputs",
      10,
      "name",
    ]);
    expect(fieldSegments("value")).toEqual(["value"]);
  });

  it("names a node's action, the field's action in a run of raw actions, and its field when the export has it", () => {
    const line = setUp();
    expect(line({ node: "Bye", field: "label" })).toBe(11);
    expect(line({ node: "Run", field: "actions[0].playAudio.name" })).toBe(18);
    expect(line({ node: "Run", field: "actions[1].frobnicate.colour.lit" })).toBe(22);
    // A field the export lacks: its deepest ancestor there.
    expect(line({ node: "Run", field: "actions[1].frobnicate.size" })).toBe(19);
    expect(line({ node: "Nobody" })).toBeUndefined();
  });

  it("names a flow-level field, and an element archySettings keeps by its refId", () => {
    const line = setUp();
    expect(line({ field: "archySettings.settingsMenu.repeatCount.lit" })).toBe(5);
    expect(line({ field: "archySettings.tasks[0].task.name" })).toBe(14);
    expect(line({ field: "name" })).toBeUndefined();
  });
});
