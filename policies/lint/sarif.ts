// SARIF 2.1.0 output, the format code-scanning tools show on pull requests: one run, the rules
// the lint ran (plus load-error) as the driver's rules, one result per finding located at the
// node's line in the flow file, relative to %SRCROOT%; each rule carries its severity, tags and
// its documentation page as SARIF's helpUri, an absolute URI (the docs base the caller gives:
// policies/lint/project.ts docsBaseUrl). Deterministic for a given docs base.
import { type LintReport, TOOL_NAME, TOOL_VERSION } from "./engine";

export interface SarifOptions {
  /** Absolute URL of the project's root as a browser shows it (ends in "/"): rule pages resolve against it. */
  docsBase?: string;
}

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

type SarifLevel = "error" | "warning" | "note" | "none";

function sarifLevel(level: string): SarifLevel {
  return level === "mandatory" ? "error" : level === "advisory" ? "warning" : "none";
}

export function toSarif(report: LintReport, options: SarifOptions = {}): Record<string, unknown> {
  const helpUri = (url: string): Record<string, string> =>
    options.docsBase !== undefined ? { helpUri: new URL(url, options.docsBase).href } : {};
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
              ...helpUri(r.url),
              defaultConfiguration: { level: sarifLevel(r.level) },
              // Code-scanning tools filter on properties.tags.
              properties: { tags: [...r.tags], severity: r.severity },
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
                ? {
                    logicalLocations: [
                      {
                        name: f.node,
                        kind: "member",
                        ...(f.flow ? { fullyQualifiedName: `${f.flow}.${f.node}` } : {}),
                      },
                    ],
                  }
                : {}),
            },
          ],
        })),
      },
    ],
  };
}

export function formatSarif(report: LintReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}
