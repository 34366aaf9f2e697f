// The org's literal object names in an adopted flow (issue 50, "adoption without surprises"): a
// flow exported from a stack's org names that org's queues, schedules, skills, ... as they are
// called there ("Support dev"). Written as they are, the flow file would send every other org's
// calls to dev's queue names. So before the export is read, each name the Archy validator locates
// as an org object reference is replaced by a `{{placeholder}}` (kept by the import as a stack's
// substitution, import/placeholders.ts), and the stack that adopts gets the value: a key it
// already has for that name, or a new one named for the kind and the name. Pure.
import { PER_ORG_KINDS, type ObjectKind } from "../archy/orgObjectKinds";
import { validateArchyDocument, type OrgReference } from "../archy/validate";
import { readYaml } from "../model/yamlReader";
import { cmp } from "../archy/json";

/** Org objects whose names differ between orgs: flows, bots and prompts are left as written (the stack names its own flows). */
/** The kinds whose names differ per org (archy/orgObjectKinds.ts `perOrg`). */
const SUBSTITUTED = PER_ORG_KINDS;

export interface OrgNameSubstitution {
  key: string;
  /** The org's name, the stack's value for the key. */
  value: string;
  kind: ObjectKind;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 48) || "name";

/** The stack's key for `name` of `kind`: the one it already has for that value, else a new one not taken. */
function keyFor(kind: ObjectKind, name: string, substitutions: Record<string, string>): string {
  const have = Object.keys(substitutions)
    .sort()
    .find((k) => substitutions[k] === name);
  if (have !== undefined) return have;
  const base = `${snake(kind)}_${slug(name)}`;
  let key = base;
  for (let i = 2; key in substitutions; i++) key = `${base}_${i}`;
  return key;
}

/**
 * Replaces `ref`'s name on its line (from its column on) by `{{key}}`: the value of a `name:` (a
 * literal object) or the quoted argument of its lookup function (`FindQueue("...")`). Undefined
 * when the line does not hold it as expected (a multi-line scalar): the name is then left as written.
 */
function replaceOnLine(line: string, ref: OrgReference, key: string): string | undefined {
  const from = Math.max(0, (ref.column ?? 1) - 1);
  const head = line.slice(0, from);
  const tail = line.slice(from);
  const name = escape(ref.name);
  const pattern =
    ref.lookup !== undefined
      ? new RegExp(`(${escape(ref.lookup)}\\(\\s*)"${name}"(\\s*\\))`)
      : new RegExp(`(name\\s*:\\s*)(?:"${name}"|'${name}'|${name})(?=\\s*(?:[,}\\]]|#|$))`);
  if (!pattern.test(tail)) return undefined;
  return head + tail.replace(pattern, ref.lookup !== undefined ? `$1"{{${key}}}"$2` : `$1"{{${key}}}"`);
}

/**
 * The export's text with every org object name of a kind that differs between orgs made a
 * placeholder, and the substitutions the adopting stack needs. `substitutions` is the stack's (and
 * is extended with the new keys, so several flows adopted at once share them). A text that does not
 * read is returned as it is (the import reports it).
 */
export function substituteOrgNames(
  text: string,
  substitutions: Record<string, string>,
): { text: string; substitutions: OrgNameSubstitution[] } {
  const read = readYaml(text, { exactIntegers: false });
  if (!read.ok) return { text, substitutions: [] };
  const refs: OrgReference[] = [];
  validateArchyDocument(read.value, { locate: (p) => read.locator.locate(p), onReference: (r) => refs.push(r) });
  const lines = text.split("\n");
  const used = new Map<string, OrgNameSubstitution>();
  // From the end of each line, so an earlier replacement does not move a later column.
  const located = refs.filter(
    (r) =>
      r.line !== undefined && r.byKey !== true && r.flowTypes === undefined && r.name !== "" && !r.name.includes("{{"),
  );
  located.sort((a, b) => a.line! - b.line! || (b.column ?? 0) - (a.column ?? 0));
  for (const ref of located) {
    const kind = ref.kinds.find((k): k is ObjectKind => k !== "dataAction" && SUBSTITUTED.has(k));
    if (kind === undefined || ref.kinds.length !== 1) continue;
    const key = keyFor(kind, ref.name, substitutions);
    const replaced = replaceOnLine(lines[ref.line! - 1], ref, key);
    if (replaced === undefined) continue;
    lines[ref.line! - 1] = replaced;
    substitutions[key] = ref.name;
    used.set(key, { key, value: ref.name, kind });
  }
  return { text: lines.join("\n"), substitutions: [...used.values()].sort((a, b) => cmp(a.key, b.key)) };
}
