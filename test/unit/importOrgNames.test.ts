// An adopted flow's org object names become the adopting stack's substitutions (import/orgNames.ts):
// each located reference of a kind that differs between orgs is a placeholder, with a key the stack
// already has for that name or a new one; flows and prompts are left as written; the import keeps
// the placeholders, so the model file names no org's queue.
import { substituteOrgNames } from "../../import/orgNames";
import { importArchyText } from "../../import";

const EXPORT = `inboundCall:
  name: dev-Support
  defaultLanguage: en-us
  startUpRef: "/inboundCall/tasks/task[Main_10]"
  initialGreeting:
    tts: Hi
  tasks:
    - task:
        name: Main
        refId: Main_10
        actions:
          - updateData:
              name: Pick
              statements:
                - queue:
                    variable: Flow.q
                    value:
                      exp: If(true, FindQueue("Billing dev"), FindQueue("Support dev"))
          - transferToAcd:
              name: Transfer to ACD
              targetQueue:
                lit:
                  name: "Support dev"
              preTransferAudio:
                tts: Support dev will answer
              failureOutputs:
                errorType:
                  noValue: true
              outputs:
                failure:
                  actions:
                    - disconnect:
                        name: Bye
          - transferToAcd:
              name: Transfer to ACD
              targetQueue:
                lit: {name: Sales dev}
              preTransferAudio:
                tts: One moment
          - disconnect:
              name: End
`;

describe("an adopted flow's org names as the stack's substitutions", () => {
  it("each queue name (literal or looked up) becomes a placeholder; a name the stack has a key for reuses it; prompt text is left alone", () => {
    const subs: Record<string, string> = { support_queue: "Support dev", brand: "Acme" };
    const r = substituteOrgNames(EXPORT, subs);
    expect(r.substitutions).toEqual([
      { key: "queue_billing_dev", value: "Billing dev", kind: "queue" },
      { key: "queue_sales_dev", value: "Sales dev", kind: "queue" },
      { key: "support_queue", value: "Support dev", kind: "queue" },
    ]);
    expect(subs).toEqual({
      support_queue: "Support dev",
      brand: "Acme",
      queue_billing_dev: "Billing dev",
      queue_sales_dev: "Sales dev",
    });
    expect(r.text).toContain('exp: If(true, FindQueue("{{queue_billing_dev}}"), FindQueue("{{support_queue}}"))');
    expect(r.text).toContain('                  name: "{{support_queue}}"\n');
    expect(r.text).toContain('lit: {name: "{{queue_sales_dev}}"}');
    expect(r.text).toContain("tts: Support dev will answer"); // what callers hear is not an org object
    expect(r.text).toContain("name: dev-Support"); // nor the flow's own name
    // Only the replaced spots differ: same lines.
    expect(r.text.split("\n")).toHaveLength(EXPORT.split("\n").length);

    const imported = importArchyText(r.text, { source: "org flow", name: "Support" });
    expect(imported.report.placeholders).toEqual(["queue_billing_dev", "queue_sales_dev", "support_queue"]);
    expect(JSON.stringify(imported.model)).not.toMatch(/Billing dev|Sales dev|"Support dev"/);
  });

  it("a new key that a different value holds already gets a suffix; a text that does not read is returned as it is", () => {
    const subs: Record<string, string> = { queue_sales_dev: "Sales prod" };
    expect(substituteOrgNames(EXPORT, subs).substitutions.map((s) => s.key)).toContain("queue_sales_dev_2");
    expect(substituteOrgNames("a: [", {})).toEqual({ text: "a: [", substitutions: [] });
  });
});
