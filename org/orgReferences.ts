// The I/O edge of the org-reference check (checks/orgReferences.ts), run by the program before
// anything is registered, after the ownership check: the org objects the compiled flows the run
// publishes name are read from the org the provider points at (only the kinds named; no sign-in
// when none is), and a flow naming an object the org lacks, or calling a data action against its
// contract, stops the run with every problem listed. Preview fails, and `up` publishes nothing.
// lint --org and verify check every flow (verify reports the org breaking a deployed one).
import { formatIssue, type FlowIssue } from "../model/errors";
import {
  checkedFlowsOf,
  orgReferencesOf,
  orgReferenceProblems,
  referencedKinds,
  undescribedContracts,
  type LocatedReference,
  type UndescribedContract,
  stackDeclares,
} from "../checks/orgReferences";
import { readOrgObjects, type PagedLister } from "./objects";
import type { PlannedFlow, Portfolio } from "../planner/portfolio";

/** What the check needs of the org: a signed-in client and, for messages, where the org is. */
export interface OrgReader {
  api: PagedLister;
  target: string;
}

/** The outcome, for the program's log: what was checked and read. */
export interface OrgReferenceOutcome {
  /** Located issues as one message, or undefined when every reference resolves. */
  refusal?: string;
  /** The same issues, one each. */
  problems: FlowIssue[];
  /** The data-action calls whose contract the org leaves undescribed (checks/orgReferences.ts undescribedContracts): a warning, not a refusal. */
  unchecked: UndescribedContract[];
  references: number;
  kindsRead: string[];
}

/**
 * Checks the portfolio's references against the org `connect` signs in to (called only when
 * something is named). Options: `stackObjects`: the other org objects the stack itself creates (its routing:
 * schedules, schedule groups, emergency groups), by kind and published name; a flow may name them.
 * `publishing`: the ids of the flows the run publishes (the program's run: run/flowChanges.ts
 * PUBLISHES); only their references are checked, since a flow left as it is sends nothing to the
 * org. Every flow when not given (lint, verify). `references`: the references of flows of the
 * portfolio (default: read from their compiled files; a run's are kept with its plan: StackRun).
 */
export async function checkOrgReferences(
  portfolio: Portfolio,
  connect: () => Promise<OrgReader>,
  options: {
    stackObjects?: ReadonlyMap<string, ReadonlySet<string>>;
    publishing?: ReadonlySet<string>;
    references?: (flows: readonly PlannedFlow[]) => LocatedReference[];
  } = {},
): Promise<OrgReferenceOutcome> {
  const { stackObjects = new Map(), publishing, references = orgReferencesOf } = options;
  const checked = publishing === undefined ? portfolio.flows : portfolio.flows.filter((f) => publishing.has(f.id));
  const flows = checkedFlowsOf({ flows: checked });
  const refs = references(checked).filter((r) => !stackDeclares(r, stackObjects));
  const own = new Set(portfolio.flows.map((f) => f.publishedName));
  const kinds = referencedKinds(refs, own);
  if (kinds.length === 0) return { problems: [], unchecked: [], references: refs.length, kindsRead: [] };
  const org = await connect();
  const read = await readOrgObjects(org.api, kinds, wantedActions(refs));
  const problems = orgReferenceProblems(flows, refs, read.catalog, { description: org.target }, own);
  const unchecked = undescribedContracts(refs, read.catalog, { description: org.target });
  if (problems.length === 0) return { problems, unchecked, references: refs.length, kindsRead: read.kinds };
  const refusal =
    `${problems.length === 1 ? "a flow names an org object" : `flows name ${problems.length} org objects`} that ${org.target} does not have; nothing was published:\n` +
    problems.map((p) => `  ${formatIssue(p)}`).join("\n") +
    "\n  declare them under objects/ (docs/objects.md) or create them in the org" +
    " (or fix the names, or the stack's substitutions), then run again";
  return { refusal, problems, unchecked, references: refs.length, kindsRead: read.kinds };
}

function wantedActions(refs: readonly LocatedReference[]): Set<string> {
  return new Set(
    refs.filter((r) => r.kinds[0] === "dataAction").map((r) => `${(r.category ?? "").trim()}/${r.name.trim()}`),
  );
}
