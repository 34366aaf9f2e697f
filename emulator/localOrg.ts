// The `local` stack's org, offline. `npm start` gives the emulator the org of
// emulator/orgs/local.yaml (the queues, schedules, data actions, ... the shipped flows name), so
// the org-reference check a deploy of the local stack runs can run against that file with no
// emulator: lint and the review of the stack then refuse what `up` would refuse, and say where
// the org's objects are to be added.
import * as path from "node:path";
import { orgReferenceProblems, orgReferencesOf, referencedKinds } from "../checks/orgReferences";
import { checkedFlowsOf } from "../components/orgReferences";
import type { Finding } from "../checks/finding";
import type { Portfolio } from "../planner/portfolio";
import { checkRouting, routingObjectsOf } from "../planner/routing";
import type { StackSettings } from "../planner/stackSettings";
import { FlowLoadError } from "../model/errors";
import { readPortfolio } from "../project/portfolio";
import { readRoutingSources } from "../project/routingFiles";
import { loadOrgFile, OrgFileError } from "./orgFile";
import { OrgObjects } from "./orgObjects";

/** The stack whose org is the emulator's. */
export const LOCAL_STACK = "local";
/** The local stack's org objects, relative to the project: what the shipped examples name. */
export const LOCAL_ORG_FILE = "emulator/orgs/local.yaml";

/** What the org-reference check says of the local stack's portfolio, or why it could not run. */
export type LocalOrgCheck = { ran: true; findings: Finding[]; orgFile: string; references: number } | { ran: false; why: string };

/**
 * The org-reference check of the local stack's planned portfolio against the org file, the way
 * preview and up run it against the emulator (`stackObjects`: what the stack's routing creates, by
 * kind and published name). Each finding is rule org-references, with where to add the object.
 */
export function checkLocalOrgReferences(root: string, portfolio: Portfolio, stackObjects: ReadonlyMap<string, ReadonlySet<string>> = new Map()): LocalOrgCheck {
  const flows = checkedFlowsOf(portfolio);
  const refs = orgReferencesOf(flows).filter((r) => !r.kinds.some((k) => stackObjects.get(k)?.has(r.name)));
  const own = new Set(portfolio.flows.map((f) => f.publishedName));
  if (referencedKinds(refs, own).length === 0) return { ran: true, findings: [], orgFile: LOCAL_ORG_FILE, references: refs.length };
  let org: OrgObjects;
  try {
    org = new OrgObjects(loadOrgFile(path.join(root, LOCAL_ORG_FILE)));
  } catch (e) {
    if (e instanceof OrgFileError) return { ran: false, why: `${e.message} (the org npm start gives the emulator)` };
    throw e;
  }
  const target = { description: `the local org (${LOCAL_ORG_FILE}, the org npm start gives the emulator)` };
  const fix = `add the object to ${LOCAL_ORG_FILE} (under queues:, schedules:, dataActions:, ... as the file's header says), or fix the name or the stack's substitution`;
  const findings = orgReferenceProblems(flows, refs, org.catalog, target, own).map((p) => ({ ...p, ruleId: "org-references", fix }));
  return { ran: true, findings, orgFile: LOCAL_ORG_FILE, references: refs.length };
}

/**
 * The same for the project at `root` as stack local deploys it from the working tree (its flows
 * planned, its routing's objects counted as there). Does not run while the flows do not plan:
 * whoever asks reports why they do not.
 */
export function checkLocalStack(root: string, settings: StackSettings): LocalOrgCheck {
  let portfolio;
  try {
    portfolio = readPortfolio(root, LOCAL_STACK, settings);
  } catch (e) {
    if (e instanceof FlowLoadError) return { ran: false, why: "the stack's flows do not plan yet (their problems are reported); it runs once they do" };
    throw e;
  }
  const routing = checkRouting({ settings, sources: readRoutingSources(root), flows: portfolio.flows.map((f) => ({ id: f.id, apiType: f.kind.apiType })), stackFile: `Pulumi.${LOCAL_STACK}.yaml` });
  return checkLocalOrgReferences(root, portfolio, routingObjectsOf(routing.objects));
}
