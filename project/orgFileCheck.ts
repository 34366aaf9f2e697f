// A stack's org when it is the bundled emulator's, offline. `npm start` gives the emulator the
// org of a file (the stack's genesys-flows:emulatorOrg, orgs/local.yaml for the shipped
// local stack: the queues, schedules, data actions, ... the example flows name), so the
// org-reference check a deploy of the stack runs can run against that file with no emulator: lint
// and the review then refuse what `up` would refuse, and say where the org's objects are added.
import { stackFileName } from "../model/stackFile";
import * as path from "node:path";
import type { OrgCatalog } from "../archy/org";
import {
  checkedFlowsOf,
  orgReferenceProblems,
  orgReferencesOf,
  referencedKinds,
  uncheckedContract,
  undescribedContracts,
  stackDeclares,
} from "../checks/orgReferences";
import type { Finding } from "../checks/finding";
import { FlowLoadError } from "../model/errors";
import type { Portfolio } from "../planner/portfolio";
import { checkRouting, routingObjectsOf } from "../planner/routing";
import type { StackSettings } from "../planner/stackSettings";
import { loadOrgFile, orgFileCatalog, OrgFileError } from "./orgFile";
import { readPortfolio } from "./portfolio";
import { readRoutingSources } from "./routingFiles";

/** What the org-reference check says of a stack's portfolio against its emulator org file, or why it could not run. */
export type OrgFileCheck =
  | { ran: true; findings: Finding[]; unchecked: Finding[]; orgFile: string; references: number }
  | { ran: false; why: string };

/**
 * The org-reference check of a planned portfolio against the org file `orgFile` (relative to
 * `root`), the way preview and up run it against the emulator (`stackObjects`: what the stack's
 * routing creates, by kind and published name). Each finding is rule org-references, with where
 * to add the object; `unchecked`: the data-action calls whose contract the file leaves
 * undescribed, warnings of rule archy-unknown (the emulator cannot check them either).
 */
export function checkAgainstOrgFile(
  root: string,
  orgFile: string,
  portfolio: Portfolio,
  stackObjects: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): OrgFileCheck {
  const flows = checkedFlowsOf(portfolio);
  const refs = orgReferencesOf(flows).filter((r) => !stackDeclares(r, stackObjects));
  const own = new Set(portfolio.flows.map((f) => f.publishedName));
  if (referencedKinds(refs, own).length === 0)
    return { ran: true, findings: [], unchecked: [], orgFile, references: refs.length };
  let org: OrgCatalog;
  try {
    org = orgFileCatalog(loadOrgFile(path.join(root, orgFile)));
  } catch (e) {
    if (e instanceof OrgFileError)
      return { ran: false, why: `${e.message} (the emulator's org, genesys-flows:emulatorOrg)` };
    throw e;
  }
  const target = { description: `the emulator's org (${orgFile}, the org npm start gives it)` };
  const fix =
    `declare it under objects/ (docs/objects.md) or add it to ${orgFile} (queues:, dataActions:, ...),` +
    " or fix the name or the stack's substitution";
  const findings = orgReferenceProblems(flows, refs, org, target, own).map((p) => ({
    ...p,
    ruleId: "org-references",
    fix,
  }));
  const unchecked = undescribedContracts(refs, org, target).map((p) =>
    uncheckedContract(
      p,
      `describe its inputs and outputs in ${orgFile} (the data action's inputs: and outputs:, as its header says)`,
    ),
  );
  return { ran: true, findings, unchecked, orgFile, references: refs.length };
}

/**
 * The same for stack `stack` of the project at `root`, as it deploys from the working tree (its
 * flows planned, its routing's objects counted as there), when its settings name its emulator's
 * org file (genesys-flows:emulatorOrg); undefined when they do not (its org is read by preview, up
 * and lint --org). Does not run while the flows do not plan: whoever asks reports why they do not.
 */
export function checkEmulatorOrg(root: string, stack: string, settings: StackSettings): OrgFileCheck | undefined {
  if (settings.emulatorOrg === undefined) return undefined;
  let portfolio: Portfolio;
  try {
    portfolio = readPortfolio(root, stack, settings);
  } catch (e) {
    if (e instanceof FlowLoadError)
      return {
        ran: false,
        why: "the stack's flows do not plan yet (their problems are reported); it runs once they do",
      };
    throw e;
  }
  const routing = checkRouting({
    settings,
    sources: readRoutingSources(root),
    flows: portfolio.flows.map((f) => ({ id: f.id, apiType: f.kind.apiType })),
    stackFile: stackFileName(stack),
  });
  return checkAgainstOrgFile(root, settings.emulatorOrg, portfolio, routingObjectsOf(routing.objects));
}
