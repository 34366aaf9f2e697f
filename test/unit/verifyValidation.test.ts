// verify --validate's pure part (verify/validation.ts) and its rendering: Architect's validate job
// answers become one row per deployed flow and one finding per message (an Error fails verify, a
// Warning does not); a flow the org no longer has is listed as not validated.
import type { VerifyReport } from "../../verify/report";
import { sortFindings } from "../../verify/report";
import { renderVerifyJson, renderVerifyText } from "../../verify/render";
import { validationOf } from "../../verify/validation";
import type { DeployedFlow } from "../../org/model";

function flow(id: string): DeployedFlow {
  return {
    id,
    file: `flows/${id}.yaml`,
    kind: "inboundCall",
    isModule: false,
    publishedName: `dev-${id}`,
    flowId: `gid-${id}`,
    revision: `r-${id}`,
    calls: [],
  };
}

const deployed = [flow("calls/billing"), flow("calls/gone"), flow("calls/sales")];
const QUEUE_GONE =
  'Flow "dev-calls/sales": rule unknown-org-object: targetQueue "Sales": the org has no queue of that name; the org had it when version 3.0 was published (at inboundCall.tasks[0].task.actions[1].transferToAcd.targetQueue.lit.name, line 40)';
const results = [
  {
    flowId: "gid-calls/sales",
    status: "Failure" as const,
    messages: [
      { type: "Error" as const, text: QUEUE_GONE },
      { type: "Warning" as const, text: 'Flow "dev-calls/sales": rule caution: something to read' },
    ],
  },
  { flowId: "gid-calls/billing", status: "Success" as const, messages: [] },
];

function report(extra: Partial<VerifyReport>): VerifyReport {
  return {
    stack: "dev",
    target: "region us-east-1",
    dependencyTracking: { status: "OPERATIONAL" },
    flowsChecked: 3,
    modules: [],
    drift: [],
    findings: [],
    ok: true,
    ...extra,
  };
}

it("one row per flow the org has, in the stack's order; the others listed as not validated", () => {
  const { section } = validationOf(deployed, results);
  expect(section).toEqual({
    flows: [
      {
        publishedName: "dev-calls/billing",
        file: "flows/calls/billing.yaml",
        flowId: "gid-calls/billing",
        status: "Success",
        errors: 0,
        warnings: 0,
      },
      {
        publishedName: "dev-calls/sales",
        file: "flows/calls/sales.yaml",
        flowId: "gid-calls/sales",
        status: "Failure",
        errors: 1,
        warnings: 1,
      },
    ],
    notValidated: ["dev-calls/gone"],
  });
});

it("each of Architect's messages is a finding of its flow and file, in Architect's words: errors fail, warnings do not", () => {
  const { findings } = validationOf(deployed, results);
  expect(findings.map((f) => [f.severity, f.code, f.flow, f.file, f.message])).toEqual([
    ["error", "architect-error", "dev-calls/sales", "flows/calls/sales.yaml", `Architect: ${QUEUE_GONE}`],
    [
      "warning",
      "architect-warning",
      "dev-calls/sales",
      "flows/calls/sales.yaml",
      'Architect: Flow "dev-calls/sales": rule caution: something to read',
    ],
  ]);
  expect(findings[0].fix).toMatch(/^Architect refuses what the flow needs as the org is now/);
});

it("a failed job without a message is still an error", () => {
  const { findings } = validationOf(
    [flow("calls/sales")],
    [{ flowId: "gid-calls/sales", status: "Failure", messages: [] }],
  );
  expect(findings.map((f) => [f.severity, f.message])).toEqual([
    ["error", "Architect: the validate job failed without a message"],
  ]);
});

it("renders the section and counts Architect's errors in the verdict; JSON carries the section", () => {
  const { section, findings } = validationOf(deployed, results);
  const failed = report({ validation: section, findings: sortFindings(findings), ok: false });
  const text = renderVerifyText(failed);
  expect(text).toContain(
    [
      "Architect's validation (a validate job per flow, the org as it is now):",
      "  dev-calls/billing  flows/calls/billing.yaml  Success  no messages",
      "  dev-calls/sales    flows/calls/sales.yaml    Failure  1 error, 1 warning",
      "  not validated (the org no longer has them): dev-calls/gone",
    ].join("\n"),
  );
  expect(text).toContain(
    `  error   [architect-error] dev-calls/sales (flows/calls/sales.yaml): Architect: ${QUEUE_GONE}. Fix: `,
  );
  expect(text).toContain("FAILED: 0 drifted flows, 0 stale callers, 1 Architect error, 0 other errors.");
  expect(JSON.parse(renderVerifyJson(failed)).validation).toEqual(section);

  const clean = renderVerifyText(report({ validation: validationOf([flow("calls/billing")], [results[1]]).section }));
  expect(clean).toContain(
    "OK: every flow of the stack runs what the stack deployed, and every caller in the stack runs its module's published version; Architect's validator finds no error.",
  );
  // Without --validate the report says nothing of Architect.
  expect(renderVerifyText(report({}))).not.toContain("Architect");
});
