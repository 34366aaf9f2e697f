// The review's section "The org's state": for each flow the deploy would publish, replace or
// delete, what people did to it in the org (org/personChanges.ts: a version published out of band,
// a lock, a draft, a rename, a deletion, a foreign id; who and when), or "not checked" with the
// reason when the run had no read of the org (no read-only credentials, a fork). Text and Markdown
// from the same lines; the Markdown bounded for the pull-request comment. Pure.
import type { OrgStateOfRun, PersonChange, PersonChangeKind } from "../org/personChanges";
import { asIs, mdCode, mdText } from "./render";
import { cmp } from "../archy/json";

export const PERSON_CHANGE_LABELS: Readonly<Record<PersonChangeKind, string>> = {
  "published-out-of-band": "version published out of band",
  locked: "locked",
  draft: "unpublished draft",
  renamed: "renamed in the org",
  deleted: "deleted in the org",
  "foreign-id": "not the flow the stack deployed",
  "routing-changed": "routing object changed outside the stack",
};

/** Only the changes to flows the deploy touches (`flows`: portfolio ids) and to routing objects, by id then kind. */
function relevant(changes: readonly PersonChange[], flows?: ReadonlySet<string>): PersonChange[] {
  const touched = (c: PersonChange) => flows === undefined || flows.has(c.flow) || c.kind === "routing-changed";
  return changes.filter(touched).sort((x, y) => cmp(x.flow, y.flow) || cmp(x.kind, y.kind));
}

/** One line per change: what, who, when, the version, and the reader's detail. */
function describe(c: PersonChange, code: (s: string) => string, text: (s: string) => string): string {
  const parts = [
    `${code(c.flow)} (${text(c.publishedName)}): ${PERSON_CHANGE_LABELS[c.kind]}`,
    ...(c.who !== undefined ? [`by ${text(c.who)}`] : []),
    ...(c.when !== undefined ? [`at ${text(c.when)}`] : []),
    ...(c.version !== undefined ? [`version ${text(c.version)}`] : []),
  ];
  return `${parts.join(" ")}${c.ownClient ? " (the stack's own client: forceUnlock may break it)" : ""}: ${text(c.detail)}`;
}

export function renderOrgStateText(state: OrgStateOfRun, flows?: ReadonlySet<string>): string {
  if (!state.checked) return `\nThe org's state: not checked: ${state.reason}\n`;
  const list = relevant(state.changes, flows);
  if (list.length === 0)
    return `\nThe org's state (${state.org}): nobody changed the flows this deploy touches since the stack's last deploy.\n`;
  return [
    ``,
    `The org's state (${state.org}): people changed ${list.length === 1 ? "1 thing" : `${list.length} things`} the deploy would overwrite or meet:`,
    ...list.map((c) => `  ${describe(c, asIs, asIs)}`),
    "",
  ].join("\n");
}

/** The Markdown section, at most `maxChars` characters: lines while they fit, then how many more. */
export function renderOrgStateMarkdown(
  state: OrgStateOfRun,
  flows?: ReadonlySet<string>,
  maxChars = Number.POSITIVE_INFINITY,
): string {
  if (!state.checked) return `\n### The org's state\n\nNot checked: ${mdText(state.reason)}.\n`;
  const list = relevant(state.changes, flows);
  const heading = `\n### The org's state\n\nRead from ${mdCode(state.org)}. `;
  if (list.length === 0)
    return `${heading}Nobody changed the flows this deploy touches since the stack's last deploy.\n`;
  let out = `${heading}People changed what the deploy would overwrite or meet:\n\n`;
  const more = (n: number) => `- … and ${n} more: see the full report\n`;
  for (let i = 0; i < list.length; i++) {
    const line = `- :warning: ${describe(list[i], mdCode, mdText)}\n`;
    if (out.length + line.length + (i + 1 < list.length ? more(list.length).length : 0) > maxChars)
      return out + more(list.length - i);
    out += line;
  }
  return out;
}
