// Architect's own judgement of what the org runs (verify --validate): the validate jobs' answers
// for the stack's deployed flows (org/validateJobs.ts), as a report section (per flow: its job's
// status and counts) and findings (each Error an error, each Warning a warning, in Architect's
// words). Pure.
import type { ValidatedFlow, ValidationSection, VerifyFinding } from "./report";
import type { DeployedFlow, FlowValidation } from "../org/model";

const FIX = {
  error:
    "Architect refuses what the flow needs as the org is now: recreate what the org lost (a queue, data action, schedule, prompt or flow the message names) or change the flow to name what the org has, and deploy",
  warning: "read Architect's message; the flow runs, but may not do what it should",
};

/** The section and findings of the validate jobs' answers, for the deployed flows they name. */
export function validationOf(
  deployed: readonly DeployedFlow[],
  results: readonly FlowValidation[],
): { section: ValidationSection; findings: VerifyFinding[] } {
  const byFlowId = new Map(results.map((r) => [r.flowId, r]));
  const flows: ValidatedFlow[] = [];
  const notValidated: string[] = [];
  const findings: VerifyFinding[] = [];
  for (const f of deployed) {
    const r = byFlowId.get(f.flowId);
    if (!r) {
      notValidated.push(f.publishedName);
      continue;
    }
    const errors = r.messages.filter((m) => m.type === "Error");
    const warnings = r.messages.filter((m) => m.type === "Warning");
    flows.push({
      publishedName: f.publishedName,
      file: f.file,
      flowId: f.flowId,
      status: r.status,
      errors: errors.length,
      warnings: warnings.length,
    });
    const finding = (severity: "error" | "warning", text: string): VerifyFinding => ({
      severity,
      code: `architect-${severity}`,
      flow: f.publishedName,
      file: f.file,
      message: `Architect: ${text}`,
      fix: FIX[severity],
    });
    findings.push(...errors.map((m) => finding("error", m.text)), ...warnings.map((m) => finding("warning", m.text)));
    if (r.status === "Failure" && errors.length === 0)
      findings.push(finding("error", "the validate job failed without a message"));
  }
  return { section: { flows, notValidated }, findings };
}
