// Every rule carries a severity, tags and a documentation URL (an anchor of docs/rules.md), and
// every place a rule leaves the project carries the same three: the policy pack's policies (what
// Pulumi shows and Pulumi Cloud filters on), lint's JSON and lint's SARIF. docs/rules.md is
// generated from the registries (tools/rulesDoc.ts) and must be current.
import { readFileSync } from "node:fs";
import type { StackValidationPolicy } from "@pulumi/policy";
import { ruleDocsUrl, type RuleInfo } from "../../checks/rules";
import { ROUTING_RULES } from "../../checks/routingRules";
import { ALL_RULES, FLOW_AND_PACK_RULES } from "../../policies/packRules";
import { buildPolicies } from "../../policies/adapter";
import { POLICY_CONFIG_DIR } from "../../policies/config";
import { runLint } from "../../tools/lintFlows";
import { RULES_PAGE, rulesPage } from "../../tools/rulesDoc";
import { project } from "./helpers";

const ALL: readonly RuleInfo[] = ALL_RULES;
const SEVERITIES = ["low", "medium", "high", "critical"];
const TAGS = ["flow", "routing", "prod", "org"];

/** GitHub's anchor of a markdown heading: lower case, punctuation but hyphens dropped, spaces as hyphens. */
const anchorsOf = (markdown: string) =>
  new Set(
    [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      m[1]
        .toLowerCase()
        .replace(/[^\w\- ]/g, "")
        .replace(/ /g, "-"),
    ),
  );

test("every rule has a severity, tags of the known set and a URL that lands on its own section of docs/rules.md", () => {
  const anchors = anchorsOf(readFileSync(RULES_PAGE, "utf8"));
  for (const rule of ALL) {
    expect({ id: rule.id, severity: SEVERITIES.includes(rule.severity) }).toEqual({ id: rule.id, severity: true });
    expect(rule.tags.length).toBeGreaterThan(0);
    for (const tag of rule.tags) expect(TAGS).toContain(tag);
    const [page, anchor] = ruleDocsUrl(rule.id).split("#");
    expect(page).toBe("docs/rules.md");
    expect({ id: rule.id, documented: anchors.has(anchor) }).toEqual({ id: rule.id, documented: true });
  }
  // What the tags promise: routing rules are tagged routing, the prod- guardrails prod, the org readers org.
  for (const rule of ROUTING_RULES) expect(rule.tags).toContain("routing");
  for (const rule of FLOW_AND_PACK_RULES.filter((r) => r.id.startsWith("prod-"))) expect(rule.tags).toContain("prod");
  for (const rule of ALL.filter((r) => r.needsOrg)) expect(rule.tags).toContain("org");
});

test("docs/rules.md is what tools/rulesDoc.ts writes (npm run docs:tables)", () => {
  expect(readFileSync(RULES_PAGE, "utf8")).toBe(rulesPage());
});

test("the policy pack passes each rule's severity, tags and URL to Pulumi", () => {
  const policies = buildPolicies(POLICY_CONFIG_DIR) as StackValidationPolicy[];
  expect(policies.length).toBeGreaterThan(10);
  for (const p of policies) {
    const rule = ALL.find((r) => r.id === p.name)!;
    expect({ name: p.name, severity: p.severity, tags: p.tags, url: p.url }).toEqual({
      name: rule.id,
      severity: rule.severity,
      tags: [...rule.tags],
      url: ruleDocsUrl(rule.id),
    });
  }
});

describe("lint's reports carry the same metadata", () => {
  const lint = (format: string) => JSON.parse(runLint(["--format", format], { cwd: project("violations") }).stdout);

  test("JSON: every rule, and every result with its rule's severity", () => {
    const report = lint("json");
    expect(report.rules.length).toBeGreaterThan(10);
    for (const r of report.rules) {
      const rule = ALL.find((x) => x.id === r.id)!;
      expect(r).toMatchObject({ severity: rule.severity, tags: [...rule.tags], url: ruleDocsUrl(rule.id) });
    }
    expect(report.results.length).toBeGreaterThan(0);
    for (const f of report.results) expect(f.severity).toBe(ALL.find((x) => x.id === f.ruleId)!.severity);
  });

  test("SARIF: every rule of the driver has them in its property bag, and its page as an absolute helpUri", () => {
    const rules = lint("sarif").runs[0].tool.driver.rules as Array<{
      id: string;
      helpUri: string;
      properties: Record<string, unknown>;
    }>;
    expect(rules.length).toBeGreaterThan(5);
    for (const r of rules) {
      const rule = ALL.find((x) => x.id === r.id)!;
      expect(r.properties).toEqual({ tags: [...rule.tags], severity: rule.severity });
      expect(new URL(r.helpUri).protocol).toBe("file:");
      expect(r.helpUri.endsWith(`/docs/rules.md#${rule.id}`)).toBe(true);
    }
  });
});

describe("a rule is one registry entry carrying its check", () => {
  it.each(ALL_RULES.map((r) => [r.id, r] as const))("%s has a check, or says who reports it", (_id, rule) => {
    const has = [rule.check !== undefined, "packCheck" in rule, rule.reportedBy !== undefined].filter(Boolean).length;
    expect(has).toBe(1);
  });

  it("no code switches over rule ids: checks run from the entries", () => {
    const { readFileSync: read } = jest.requireActual<typeof import("fs")>("fs");
    const { join } = jest.requireActual<typeof import("path")>("path");
    const root = join(__dirname, "../..");
    for (const file of ["checks/index.ts", "policies/adapter.ts"]) {
      const text = read(join(root, file), "utf8");
      expect({ file, switches: /switch \(rule\.id\)|rule\.id ===|rule\.id !==/.test(text) }).toEqual({
        file,
        switches: false,
      });
    }
  });
});
