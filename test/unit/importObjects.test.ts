// The import of Archy exports declares the org objects the flows name (issue 96; docs/objects.md):
// which objects an export names and what it tells of them (import/exportObjects.ts), and the files
// the import writes for them through the one writer import --from-org uses (import/adoptObjects.ts).
import * as YAML from "yaml";
import { declaredObjectNames, planObjectFiles } from "../../import/adoptObjects";
import { objectsOfExports, PROMPT_PLACEHOLDER } from "../../import/exportObjects";

const EXPORT = `inboundCall:
  name: Front Desk
  defaultLanguage: es-us
  startUpRef: "/inboundCall/tasks/task[Main_10]"
  initialGreeting:
    tts: Hola
  variables:
    - booleanVariable:
        name: Flow.open
        initialValue:
          noValue: true
    - integerVariable:
        name: Flow.floor
        initialValue:
          noValue: true
    - queueVariable:
        name: Flow.q
        initialValue:
          noValue: true
    - userVariable:
        name: Flow.agent
        initialValue:
          noValue: true
  tasks:
    - task:
        name: Main
        refId: Main_10
        actions:
          - playAudio:
              name: Welcome
              audio:
                exp: ToAudio(Prompt.Front_welcome)
          - dataTableLookup:
              name: Store hours
              lookupValue:
                exp: Call.Ani
              dataTable:
                Stores:
                  foundOutputs:
                    open:
                      var: Flow.open
                    floor:
                      var: Flow.floor
                    key:
                      noValue: true
                  failureOutputs:
                    errorType:
                      noValue: true
                    errorMessage:
                      noValue: true
          - updateData:
              name: Pick
              statements:
                - queue:
                    variable: Flow.q
                    value:
                      exp: FindQueue(Call.CalledAddressOriginal)
                - user:
                    variable: Flow.agent
                    value:
                      exp: FindUserById("0f8fad5b-d9cb-469f-a165-70867728950e")
          - transferToAcd:
              name: To desk
              targetQueue:
                lit:
                  name: "{{desk_queue}}"
              acdSkills:
                - acdSkill:
                    lit:
                      name: Reception
          - setWrapupCode:
              name: Wrap
              wrapupCode:
                lit:
                  name: Handled
          - disconnect:
              name: End
`;

const exported = (text: string, source = "front.yaml") => ({ source, file: "flows/imported/front-desk.yaml", text });

describe("the org objects an imported export names", () => {
  const { named, computed } = objectsOfExports([exported(EXPORT)]);

  it("each object of a declared kind named by a literal (placeholders kept), never a user", () => {
    expect(named.map((n) => `${n.kind} ${n.name}`).sort()).toEqual([
      "dataTable Stores",
      "prompt Front_welcome",
      "queue {{desk_queue}}",
      "skill Reception",
      "wrapupCode Handled",
    ]);
  });

  it("a prompt gets a placeholder in the flow's language; a table the columns its lookups read, typed", () => {
    expect(named.find((n) => n.kind === "prompt")?.fields).toEqual({
      resources: [{ language: "es-us", tts: PROMPT_PLACEHOLDER }],
    });
    expect(named.find((n) => n.kind === "dataTable")?.fields).toEqual({
      properties: { open: { type: "boolean" }, floor: { type: "integer" } },
    });
  });

  it("a lookup by a computed name is not declared: the flow, its action and line are said", () => {
    expect(computed).toEqual([
      'flows/imported/front-desk.yaml (imported from front.yaml:57): flow "Front Desk", action "Pick" looks up a queue by a computed name (FindQueue(Call.CalledAddressOriginal)): not declared; declare it under objects/queues/ if the stacks should create it',
    ]);
  });

  it("two exports naming one object: one object, what each tells merged", () => {
    const english = EXPORT.replace("es-us", "en-us")
      .replace("Stores:\n", "stores:\n")
      .replace("floor:\n                      var: Flow.floor", "city:\n                      var: Flow.city");
    const both = objectsOfExports([exported(EXPORT), exported(english, "front-en.yaml")]).named;
    expect(both.filter((n) => n.kind === "prompt").map((n) => n.fields)).toEqual([
      {
        resources: [
          { language: "es-us", tts: PROMPT_PLACEHOLDER },
          { language: "en-us", tts: PROMPT_PLACEHOLDER },
        ],
      },
    ]);
    expect(both.filter((n) => n.kind === "dataTable")).toEqual([
      {
        kind: "dataTable",
        name: "Stores",
        fields: { properties: { open: { type: "boolean" }, floor: { type: "integer" }, city: { type: "string" } } },
      },
    ]);
  });
});

describe("what the import declares", () => {
  const { named } = objectsOfExports([exported(EXPORT)]);

  it("one file per object with what the export tells, through import --from-org's writer", () => {
    const planned = planObjectFiles({ named, substitutions: [], exists: () => false });
    expect(planned.problems).toEqual([]);
    expect(planned.files.map((f) => [f.file, YAML.parse(f.text)])).toEqual([
      [
        "objects/data-tables/stores.yaml",
        { name: "Stores", properties: { open: { type: "boolean" }, floor: { type: "integer" } } },
      ],
      [
        "objects/prompts/front-welcome.yaml",
        { name: "Front_welcome", resources: [{ language: "es-us", tts: PROMPT_PLACEHOLDER }] },
      ],
      ["objects/queues/desk-queue.yaml", { name: "{{desk_queue}}" }],
      ["objects/skills/reception.yaml", { name: "Reception" }],
      ["objects/wrapup-codes/handled.yaml", { name: "Handled" }],
    ]);
  });

  it("a data action an export calls is not declared (an export carries no integration or contract): said, not refused", () => {
    const action = { kind: "dataAction" as const, name: "Get customer", category: "CRM", fields: {} };
    const planned = planObjectFiles({ named: [...named, action], substitutions: [], exists: () => false });
    expect(planned.problems).toEqual([]);
    expect(planned.files.map((f) => f.file)).not.toContain("objects/data-actions/get-customer.yaml");
    expect(planned.undeclared).toEqual([
      expect.stringMatching(
        /^the data action "CRM\/Get customer": not declared, an export does not tell enough \(.+\); declare it under objects\/data-actions\//,
      ),
    ]);
  });

  it("an object the repository declares already, under any file, is kept", () => {
    const declared = declaredObjectNames([
      { file: "objects/queues/front.yaml", text: 'name: "{{desk_queue}}"\n' },
      { file: "objects/skills/desk.yaml", text: "name: reception\n" },
      { file: "routing/schedules/reception.yaml", text: "name: Handled\n" },
    ]);
    const planned = planObjectFiles({ named, substitutions: [], exists: () => false, declared });
    expect(planned.files.map((f) => f.file)).toEqual([
      "objects/data-tables/stores.yaml",
      "objects/prompts/front-welcome.yaml",
      "objects/wrapup-codes/handled.yaml",
    ]);
    expect(planned.kept).toEqual([
      'the queue "{{desk_queue}}" (declared already under objects/queues/)',
      'the ACD skill "Reception" (declared already under objects/skills/)',
    ]);
  });
});
