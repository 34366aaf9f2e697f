// The review's pure renderings: the org's state section (not checked with the reason; each person's
// change to a flow the deploy touches, with who, when and the version; bounded) and the "what up
// does" table bounded for the comment, the rest counted per action.
import type { DeployChange } from "../../diff/deployPlan";
import type { DeployPlan } from "../../diff/resourcePlan";
import { renderOrgStateMarkdown, renderOrgStateText } from "../../diff/orgState";
import { renderDeployMarkdown, renderDeployText } from "../../diff/review";
import type { OrgStateOfRun } from "../../org/personChanges";

const state: OrgStateOfRun = {
  checked: true,
  org: "acme-prod",
  changes: [
    {
      kind: "locked",
      flow: "calls/sales",
      publishedName: "prod-Sales",
      flowId: "f-1",
      who: "Ana Lopez",
      detail: "checked out in Architect",
    },
    {
      kind: "draft",
      flow: "calls/sales",
      publishedName: "prod-Sales",
      who: "Ana Lopez",
      when: "2026-11-25T10:00:00Z",
      version: "7.0",
      detail: "saved after the stack's version 6.0",
    },
    {
      kind: "published-out-of-band",
      flow: "modules/verify",
      publishedName: "prod-Verify",
      who: "client ops-tool",
      when: "2026-11-24T08:30:00Z",
      version: "12.0",
      detail: "published since the stack's deploy (version 11.0)",
    },
    { kind: "deleted", flow: "queue/hold", publishedName: "prod-Hold", flowId: "f-9", detail: "the org answers 404" },
    {
      kind: "locked",
      flow: "calls/support",
      publishedName: "prod-Support",
      who: "deploy bot",
      ownClient: true,
      detail: "a run that died",
    },
  ],
};

describe("the org's state", () => {
  it("not checked: the reason, in text and Markdown", () => {
    const none: OrgStateOfRun = { checked: false, reason: "no read-only credentials" };
    expect(renderOrgStateText(none)).toBe("\nThe org's state: not checked: no read-only credentials\n");
    expect(renderOrgStateMarkdown(none)).toBe("\n### The org's state\n\nNot checked: no read-only credentials.\n");
  });

  it("lists what people did to the flows the deploy touches (who, when, version), sorted by flow; other flows left out", () => {
    const touched = new Set(["calls/sales", "modules/verify", "queue/hold"]);
    expect(renderOrgStateText(state, touched).split("\n")).toEqual([
      "",
      "The org's state (acme-prod): people changed 4 things the deploy would overwrite or meet:",
      "  calls/sales (prod-Sales): unpublished draft by Ana Lopez at 2026-11-25T10:00:00Z version 7.0: saved after the stack's version 6.0",
      "  calls/sales (prod-Sales): locked by Ana Lopez: checked out in Architect",
      "  modules/verify (prod-Verify): version published out of band by client ops-tool at 2026-11-24T08:30:00Z version 12.0: published since the stack's deploy (version 11.0)",
      "  queue/hold (prod-Hold): deleted in the org: the org answers 404",
      "",
    ]);
    const md = renderOrgStateMarkdown(state);
    expect(md).toMatch(
      /^\n### The org's state\n\nRead from `acme-prod`\. People changed what the deploy would overwrite or meet:\n\n- :warning: `calls\/sales` \(prod-Sales\): unpublished draft by Ana Lopez/,
    );
    expect(md).toContain(
      "- :warning: `calls/support` (prod-Support): locked by deploy bot (the stack's own client: forceUnlock may break it): a run that died\n",
    );
  });

  it("nobody changed anything the deploy touches", () => {
    expect(renderOrgStateText(state, new Set(["digital/chat"]))).toBe(
      "\nThe org's state (acme-prod): nobody changed the flows this deploy touches since the stack's last deploy.\n",
    );
    expect(renderOrgStateMarkdown({ checked: true, org: "o", changes: [] })).toContain(
      "Nobody changed the flows this deploy touches",
    );
  });

  it("bounded: lines while they fit, then how many more", () => {
    const md = renderOrgStateMarkdown(state, undefined, 400);
    expect(md.length).toBeLessThanOrEqual(400);
    expect(md).toMatch(/- … and \d+ more: see the full report\n$/);
  });
});

describe("what up does, bounded for the comment", () => {
  const replace = (i: number): DeployChange => ({
    action: "replace",
    id: `calls/f${i}`,
    file: `flows/calls/f${String(i).padStart(3, "0")}.yaml`,
    kind: "call",
    publishedName: `prodx-F${i}`,
    oldName: `prod-F${i}`,
    why: ['namePrefix "prod-" → "prodx-" in Pulumi.prod.yaml'],
  });
  const plan: DeployPlan = {
    changes: [
      ...Array.from({ length: 200 }, (_, i) => replace(i)),
      {
        action: "publish",
        id: "m",
        file: "flows/m.yaml",
        kind: "module",
        publishedName: "prodx-M",
        why: ["its content changes"],
      },
    ],
    unchanged: 3,
    resources: [],
  };

  it("the rows that fit, replacements first, and what is left out counted per action", () => {
    const md = renderDeployMarkdown(plan, "prod", "main", 5_000, "###");
    expect(md.length).toBeLessThanOrEqual(5_000);
    expect(md).toMatch(
      /^### What `up` does to stack `prod`\n\nFrom `main` to the working tree: 200 replaced, 0 deleted, 0 created, 1 published, 0 republished for a module, 3 unchanged\.\n\n> \[!IMPORTANT\]\n> 200 flows are \*\*replaced\*\*/,
    );
    expect(md).toContain("| **replace** | `flows/calls/f000.yaml` | `prod-F0` → `prodx-F0` |");
    const rows = md.split("\n").filter((l) => l.startsWith("| **")).length;
    expect(md).toContain(`*Not listed here: ${200 - rows} replace, 1 publish; see the full report.*`);
    expect(
      renderDeployMarkdown(plan, "prod", "main")
        .split("\n")
        .filter((l) => l.startsWith("| **")),
    ).toHaveLength(201);
  });

  it("a cut keeps every replace and delete (up to their own bound); creates and publishes are cut first", () => {
    const del = (i: number): DeployChange => ({
      action: "delete",
      id: `calls/d${i}`,
      file: `flows/calls/d${String(i).padStart(3, "0")}.yaml`,
      kind: "call",
      publishedName: `prod-D${i}`,
      why: ["its file is removed"],
    });
    const create = (i: number): DeployChange => ({
      action: "create",
      id: `calls/n${i}`,
      file: `flows/calls/n${String(i).padStart(3, "0")}.yaml`,
      kind: "call",
      publishedName: `prod-N${i}`,
      why: ["a new flow"],
    });
    const mixed: DeployPlan = {
      changes: [
        ...Array.from({ length: 30 }, (_, i) => replace(i)),
        ...Array.from({ length: 40 }, (_, i) => del(i)),
        ...Array.from({ length: 80 }, (_, i) => create(i)),
      ],
      unchanged: 0,
      resources: [],
    };
    const md = renderDeployMarkdown(mixed, "prod", "main", 3_000, "###", 20_000);
    const rows = md.split("\n").filter((l) => l.startsWith("| **"));
    expect(rows.filter((l) => l.startsWith("| **replace**"))).toHaveLength(30);
    expect(rows.filter((l) => l.startsWith("| **delete**"))).toHaveLength(40);
    expect(rows.filter((l) => l.startsWith("| **create**"))).toHaveLength(0);
    expect(md).toContain("*Not listed here: 80 create; see the full report.*");
    expect(md.length).toBeLessThanOrEqual(20_000);
    // Without the removals' own bound they are cut like the rest.
    expect(renderDeployMarkdown(mixed, "prod", "main", 3_000, "###").length).toBeLessThanOrEqual(3_000);
  });

  it("not computed when a side's stack file does not load", () => {
    expect(renderDeployText(undefined, "prod", "main")).toMatch(
      /^What up does to stack prod: not computed: the stack file Pulumi\.prod\.yaml does not load/,
    );
    expect(renderDeployMarkdown(undefined, "prod", "main")).toContain("> [!WARNING]\n> Not computed:");
  });
});
