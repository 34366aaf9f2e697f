// The shapes of the Archy validator's interface: a finding (ArchyFinding), what a caller tells it
// (ValidateOptions: the org, published modules, a locator) and what it reports besides findings
// (OrgReference), a module's interface (ModuleInfo), an action list's context.
import type { OrgCatalog } from "../org";
import type { ObjectKind } from "../orgObjectKinds";
import type { Verdict } from "../verdicts";
import type { ArchyType } from "../catalogue/types";

export type Severity = "error" | "warning";

/**
 * A problem in an Archy document, the finding family's member at the Archy level (located by its
 * path in the document and its line, not yet in a flow file: checks/finding.ts archyFinding()
 * makes a flow file's Finding of it; the emulator words it as Genesys does). What it says about
 * the flow (see archy/verdicts.ts): `invalid` is certain (Genesys refuses it: an error everywhere);
 * `unknown` names what the catalogue lacks (a warning, an error in strict mode); `note` is valid
 * Archy worth a look (never an error).
 */
export interface ArchyFinding {
  /** e.g. inboundCall.tasks[0].task.actions[2].playAudio.audio */
  path: string;
  line?: number;
  column?: number;
  verdict: Verdict;
  /** error: invalid, or unknown in strict mode; warning otherwise. */
  severity: Severity;
  /** Stable id, see RULES. */
  rule: string;
  message: string;
  /** For an unknown finding: the name the catalogue lacks ("action callLexV2Bot"), to group repeats. */
  subject?: string;
}

export type YamlPathSegment = string | number;

/** What a caller knows about a published common module. */
export interface ModuleInfo {
  inputs: readonly string[];
  outputs: readonly string[];
  /** Lower-case flow types. */
  compatibleFlowTypes: readonly string[];
  /** The declared type of each input and output (`integerVariable` -> integer), when known: a value of another type is checked against it. */
  types?: Readonly<Record<string, ArchyType>>;
}

/** An org object the document names by a literal (every one, whether or not the org is described). */
export interface OrgReference {
  /** The kinds the name may be of (a bot call may name a bot flow or a digital bot flow); "dataAction" for a data action. */
  kinds: ReadonlyArray<ObjectKind | "dataAction">;
  /** As the org names it: a user prompt without "Prompt.", a data action's name without its category. */
  name: string;
  /** A data action's category. */
  category?: string;
  /** Upper-case API flow types, for a reference to a flow. */
  flowTypes?: readonly string[];
  /** The name is a mapping key at `path` (a data action, a called bot flow or common module), not a value there. */
  byKey?: boolean;
  /** The expression function that looks it up at run time (FindQueue, ...), when an expression names it. */
  lookup?: string;
  path: string;
  line?: number;
  column?: number;
}

export interface ValidateOptions {
  /** Told of every org object the document names by a literal (system prompts aside). */
  onReference?: (ref: OrgReference) => void;
  /**
   * Told of every org lookup whose name is computed (`FindQueue(Flow.queueName)`): which object it
   * finds is known only at run time. `name` is the expression.
   */
  onComputedLookup?: (ref: OrgReference & { lookup: string }) => void;
  /** Line (and column) of a path of the document; from model/yamlReader's locator. */
  locate?: (path: ReadonlyArray<YamlPathSegment>) => { line: number; column?: number } | undefined;
  /** The org's objects; without it, references by name are "unmodelled". */
  org?: OrgCatalog;
  /** References to objects that are not known are errors instead of warnings. */
  strict?: boolean;
  /** Published common modules by exact name; without it, module calls are not resolved. */
  findModule?: (name: string) => ModuleInfo | undefined;
  /** Whether a flow of this upper-case API type (any type when omitted) and exact name is published. */
  flowExists?: (name: string, apiTypes?: readonly string[]) => boolean;
  /**
   * For an action list checked on its own: the refIds it may move to, by element kind (task, state,
   * menu, bot); without it references are checked for their form only. For a document: refIds of
   * elements written beside it (a flow model's nodes compiled to tasks), besides its own.
   */
  refs?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The declared variables of a flow, for validateActionList. */
export interface ActionListContext {
  /** Archy key of the flow type, e.g. "inboundCall". */
  flowType: string;
  /** Declared Flow./Common./Task./State. variables and their types. */
  variables: Record<string, ArchyType>;
  /** For a common module: the Archy keys of the flow types that may call it, whose built-ins it reads. */
  callers?: readonly string[];
  /** The actions run inside a loop's body (a `loop` node's), where loopNext and loopExit act on it. */
  inLoop?: boolean;
}
