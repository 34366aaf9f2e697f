// What verify reports: its findings (one code each), each module's callers, the drift, and
// Architect's validation. The types of the report and its order; verify/compare.ts fills it.
import type { Finding } from "../checks";
import type { ReportedFlow, FlowValidation, OrgConsumer, OrgVersion } from "../org/model";
import { cmp } from "../archy/json";

export type Severity = "error" | "warning" | "info";

export type FindingCode =
  | "stale-caller"
  | "missing-dependency"
  | "stale-embedded"
  | "drift"
  /** A version the stack's own client published after Pulumi's record: a run of the stack that stopped before recording it. */
  | "unrecorded"
  | "flow-missing"
  | "outside-stale"
  | "outside-current"
  | "index-not-operational"
  | "not-checked"
  | "pending"
  /** A caller a rollout in waves keeps on the module version it was published with, until its wave. */
  | "wave-held"
  /** A caller runs an older version of a module that has the content of the module's published one (a rollback published it again). */
  | "same-content"
  /** A caller runs an older module version while the module's published version is one no release recorded (a stopped run's repeated publish): not known to be the same content. */
  | "repeated-version"
  /** A flow names an org object (queue, data action, schedule group, ...) the org no longer has. */
  | "broken-reference"
  /** What people did in the org (verify/people/peopleFindings.ts): a lock, a draft, a rename, the stack's name on another flow. */
  | "locked"
  | "draft"
  | "renamed"
  | "foreign-id"
  /** A version a person published that a later publish of the stack buried (kept by Genesys); a routing object's change the stack overwrote. */
  | "overwritten"
  /** A routing object changed or deleted outside the stack since it deployed it (verify/people/routingChanges.ts). */
  | "routing-drift"
  /** A flow the stack replaced whose delete is still to come (refused or stopped): the stack routes nothing to it. */
  | "out-of-service"
  /** Architect's validate job (verify --validate, verify/validation.ts): an error or a warning of its own validator. */
  | "architect-error"
  | "architect-warning";

/**
 * A finding about a flow the org runs, in the finding family (checks/finding.ts): the problem and
 * the fix as a check words them, the flow by its published name and its file when it is the
 * stack's (a flow outside the stack has none), under a code instead of a rule.
 */
export interface VerifyFinding extends Pick<Finding, "message" | "fix"> {
  severity: Severity;
  code: FindingCode;
  /** Published name of the flow the finding is about. */
  flow: string;
  /** Its file, for stack flows. */
  file?: string;
}

/**
 * `held`: a caller a module's rollout in waves keeps on the version it was published with
 * (planner/waves/wavePlan.ts); `same-content`: it runs an older version of the module whose content the
 * stack published again (a rollback in the middle of a rollout puts the module back on what held
 * callers run): current in all but the version number; `repeated-version`: it would be, but the
 * module's published version is one no release recorded (a run that stopped published it again).
 */
export type EdgeStatus = "current" | "stale" | "missing" | "unknown" | "held" | "same-content" | "repeated-version";

export interface CallerReport extends ReportedFlow {
  /** The module version its published version consumed, per dependency tracking. */
  moduleVersion?: string;
  status: EdgeStatus;
}

export interface OutsideCaller extends OrgConsumer {
  stale: boolean;
}

export interface ModuleReport extends ReportedFlow {
  publishedVersion?: string;
  /** Flows of the stack calling it through callCommonModule. */
  callers: CallerReport[];
  /** Modules of the stack compiled with it in place (no dependency in the org). */
  embeddedIn: CallerReport[];
  outsideCallers: OutsideCaller[];
}

export interface DriftReport extends ReportedFlow {
  /** When the stack last changed the flow (Pulumi state). */
  deployedAt: string;
  /** The last version published at or before then, when the org still has it. */
  stackVersion?: OrgVersion;
  publishedVersion: OrgVersion;
  /** Versions published since, oldest first (the published one last). */
  since: OrgVersion[];
}

/** One deployed flow's validate job (verify --validate, verify/validation.ts). */
export interface ValidatedFlow {
  publishedName: string;
  file: string;
  flowId: string;
  status: FlowValidation["status"];
  errors: number;
  warnings: number;
}

export interface ValidationSection {
  /** The stack's flows the org has, in the stack's order (by file). */
  flows: ValidatedFlow[];
  /** Flows of the stack the org no longer has: nothing to validate (verify reports them as flow-missing). */
  notValidated: string[];
}

export interface VerifyReport {
  stack: string;
  target: string;
  /** The release the stack runs and the genesys-flows version that made it (from its state). */
  release?: { id: string; tool?: string };
  dependencyTracking: { status: string; dateCompleted?: string };
  flowsChecked: number;
  modules: ModuleReport[];
  drift: DriftReport[];
  /** Errors first, then warnings, then notes; each group by file and flow. */
  findings: VerifyFinding[];
  /** What Architect's own validator says of each flow the org has (verify --validate only). */
  validation?: ValidationSection;
  /** No error finding. */
  ok: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then notes; each group by file and flow (in place; returned). */
export function sortFindings(findings: VerifyFinding[]): VerifyFinding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      cmp(a.file ?? "\uffff", b.file ?? "\uffff") ||
      cmp(a.flow, b.flow) ||
      cmp(a.code, b.code),
  );
}
