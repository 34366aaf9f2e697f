// What a feature adds to verify (run/verifyStack.ts): its part, one file in its folder
// (run/<feature>/verify.ts), registered once in run/verifyParts.ts, like a guard. Verify reads the
// stack's state and signs in once, and hands every part what it has; a part reads what it needs of
// the org and says what it found, in two phases, each part in registry order: before verify reads
// the org's flows (what a part read of them there, verify's own read and comparison take, not
// reading them again) and after verify compared the org with the state.
import type { OrgFlow, StackDeployment } from "../org/model";
import type { OrgConnection } from "../org/signIn";
import type { Portfolio } from "../planner/portfolio";
import type { StackSettings } from "../planner/stackSettings";
import type { VerifyFinding } from "../verify/report";

/** What verify has read, once, for every part. */
export interface VerifyInput {
  stack: string;
  settings: StackSettings;
  /** Where the flow and routing files are read from (a rollback's release, or the project). */
  sources: string;
  /** What the stack last deployed. */
  deployment: StackDeployment;
  api: OrgConnection["api"];
  /** How far the org's clock may be behind this machine's, in ms. */
  skew: number;
  /** Every deployed flow's version list (`verify --versions`). */
  allVersions: boolean;
  /** The stack's flows as the run read them moments ago, when it changed nothing since (a fast no-op's: run/fastNoop.ts). */
  read?: ReadonlyMap<string, OrgFlow>;
}

/** What a part found before verify reads the org's flows, with what it read of them for verify. */
export interface PartReads {
  findings: VerifyFinding[];
  /** Every deployed flow the org has, as the part read it (by Genesys id): verify's read of the org takes them. */
  flows?: ReadonlyMap<string, OrgFlow>;
  /** The stack's own OAuth clients: their publishes after Pulumi's record are an interrupted run of the stack, not drift. */
  ownClients?: ReadonlySet<string>;
}

export interface VerifyPart {
  /** The feature's folder (run/<name>/). */
  readonly name: string;
  /** First, before verify reads the org's flows. */
  beforeOrg?(input: VerifyInput): Promise<PartReads>;
  /** After verify compared the org with the state: its findings, with the portfolio the files plan (undefined when they do not). */
  afterOrg?(input: VerifyInput, portfolio: Portfolio | undefined): Promise<VerifyFinding[]>;
}
