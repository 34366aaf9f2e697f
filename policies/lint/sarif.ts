// SARIF 2.1.0 output, the format code-scanning tools show on pull requests: one run, the rules
// the lint ran (plus load-error) as the driver's rules, one result per finding located at the
// node's line in the flow file, relative to %SRCROOT%; each rule carries its severity, tags and
// documentation URL. Deterministic.
import { LintReport, TOOL_NAME, TOOL_VERSION } from "./engine";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

type SarifLevel = "error" | "warning" | "note" | "none";

function sarifLevel(level: string): SarifLevel {
  return level === "mandatory" ? "error" : level === "advisory" ? "warning" : "none";
}

export function toSarif(report: LintReport): Record<string, unknown> {
  // The rules the lint ran, load-error among them (a core rule, always run).
  const rules = report.rules.filter((r) => r.status === "run");
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description} ${r.remediation}` },
              help: { text: r.remediation },
              defaultConfiguration: { level: sarifLevel(r.level) },
              // SARIF's helpUri must be an absolute URI and the rule's page is a path of the
              // project (docs/rules.md#<id>): it travels in the property bag with the severity
              // and the tags (code-scanning tools filter on properties.tags).
              properties: { tags: [...r.tags], severity: r.severity, url: r.url },
            })),
          },
        },
        columnKind: "utf16CodeUnits",
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? 0,
          level: sarifLevel(f.level),
          message: { text: f.text },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: "%SRCROOT%" },
                region: { startLine: f.line, startColumn: f.column },
              },
              ...(f.node !== undefined
                ? { logicalLocations: [{ name: f.node, kind: "member", ...(f.flow ? { fullyQualifiedName: `${f.flow}.${f.node}` } : {}) }] }
                : {}),
            },
          ],
        })),
      },
    ],
  };
}

export function formatSarif(report: LintReport): string {
  return JSON.stringify(toSarif(report), null, 2) + "\n";
}
