// Whether a run may go ahead over what people did in the org (verify/people/changesOfFlows.ts), decided
// before the first publish. Pure.
//  - A protected stack (its policy config enforces the prod-force-unlock guardrail, as prod's does)
//    stops when the run would overwrite a version a person published or bury their draft; an
//    unprotected one warns. Either goes ahead over a change the stack file acknowledges
//    (genesys-flows:acknowledge: {<flow>: {reason, version}}), bound to the version seen.
//  - A lock stops every stack, the whole run: breaking a person's lock checks their work in as a
//    version that the publish then buries, and publishing against it fails half-way through a
//    module's cascade. `forceUnlock` breaks the stack's own client's lock (a run that died) and a
//    person's only when acknowledged (lockedBy).
//  - Renames, deletions and a name another flow carries are reported, never decided here (the
//    ownership check refuses what it must).
// Every case is listed at once, each with what to do.
import { stackFileName } from "../../model/stackFile";
import { deployCommand, forgetAndDeployCommand, renameFix } from "../../project/deployCommand";
import type { Acknowledgement } from "../../planner/stackSettings";
import type { OrgStateOfRun, PersonChange } from "../../org/personChanges";

export type Verdict = "stop" | "warn" | "acknowledged" | "note";

export interface JudgedChange {
  change: PersonChange;
  verdict: Verdict;
  /** What to do (stop and warn), or what happens (acknowledged, note). */
  advice: string;
}

export interface OverwriteDecision {
  judged: JudgedChange[];
  /** Some change stops the run. */
  stop: boolean;
  /** Acknowledgements that cover nothing the org shows now (stale: remove them). */
  unused: string[];
}

export interface DecisionContext {
  stack: string;
  /** The stack's policy config protects it: a person's version or draft stops the run. */
  protectedStack: boolean;
  forceUnlock: boolean;
  acknowledgements: Readonly<Record<string, Acknowledgement>>;
  /** The flow files, by flow id, for advice. */
  files?: Readonly<Record<string, string>>;
  /** The run deletes the flows (`destroy`): the advice says what deleting does. Default: it publishes. */
  deleting?: boolean;
}

/** Genesys version ids are "3.0"; a stack file may say 3 (YAML reads 3.0 as a number). */
export function sameVersion(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  return a.trim() !== "" && b.trim() !== "" && Number.isFinite(x) && Number.isFinite(y) && x === y;
}

function covers(ack: Acknowledgement | undefined, c: PersonChange): boolean {
  if (!ack) return false;
  if (c.kind === "locked")
    return ack.lockedBy !== undefined && c.who !== undefined && ack.lockedBy.toLowerCase() === c.who.toLowerCase();
  return ackCovers(ack, c);
}

/** Whether an acknowledgement covers what the org shows: the version seen, or (no version) the values seen. */
export function ackCovers(ack: Acknowledgement, seen: { version?: string; seen?: string }): boolean {
  if (seen.version !== undefined) return ack.version !== undefined && sameVersion(ack.version, seen.version);
  return ack.seen !== undefined && ack.seen === seen.seen;
}

/** The stack-file lines that acknowledge a change (what the refusal prints). */
export function acknowledgementYaml(c: Pick<PersonChange, "kind" | "flow" | "version" | "who" | "seen">): string {
  const what =
    c.kind === "locked"
      ? `lockedBy: "${c.who ?? ""}"`
      : c.version === undefined && c.seen !== undefined
        ? `seen: "${c.seen}"`
        : `version: "${c.version ?? ""}"`;
  return `genesys-flows:acknowledge: {${c.flow}: {reason: "<why it may be overwritten>", ${what}}}`;
}

export function decideOverwrites(state: OrgStateOfRun, ctx: DecisionContext): OverwriteDecision {
  if (!state.checked) return { judged: [], stop: false, unused: [] };
  const file = (c: PersonChange) => ctx.files?.[c.flow] ?? `the file of flow ${c.flow}`;
  const stackFile = stackFileName(ctx.stack);
  const used = new Set<string>();
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every kind of PersonChange (tsc holds it), so each change returns one
  const judged: JudgedChange[] = state.changes.map((c) => {
    const ack = ctx.acknowledgements[c.flow];
    const covered = covers(ack, c);
    if (covered) used.add(c.flow);
    const acknowledge = `acknowledge it in ${stackFile}: ${acknowledgementYaml(c)}`;
    switch (c.kind) {
      case "published-out-of-band":
      case "routing-changed":
      case "draft": {
        const routing = c.kind === "routing-changed";
        const verb = routing
          ? ctx.deleting
            ? "delete the object with their change"
            : "overwrite their change"
          : ctx.deleting
            ? `delete the flow with their ${c.kind === "draft" ? "draft" : "version"}`
            : c.kind === "draft"
              ? "bury their draft"
              : "overwrite their version";
        const kept = routing
          ? "the stack's state keeps their values (verify shows them)"
          : `Genesys keeps version ${c.version}`;
        if (covered)
          return {
            change: { ...c, acknowledged: ack!.reason },
            verdict: "acknowledged",
            advice: `acknowledged ("${ack!.reason}"): the run may ${verb}; ${kept}`,
          };
        const seen =
          ack?.version !== undefined && c.version !== undefined
            ? ` (the acknowledgement in ${stackFile} covers version ${ack.version}, not ${c.version})`
            : ack?.seen !== undefined && c.seen !== undefined
              ? ` (the acknowledgement in ${stackFile} covers the values seen as ${ack.seen}; the org holds ${c.seen} now)`
              : "";
        return {
          change: c,
          verdict: ctx.protectedStack ? "stop" : "warn",
          advice: `${ctx.deleting ? "deleting" : routing ? "writing it" : "publishing"} would ${verb}${seen}: take their change into ${file(c)} (then it is yours to deploy), or ${acknowledge}`,
        };
      }
      case "locked": {
        if (c.ownClient) {
          return ctx.forceUnlock
            ? {
                change: c,
                verdict: "note",
                advice: "forceUnlock breaks it before publishing (the lock is this stack's own)",
              }
            : {
                change: c,
                verdict: "stop",
                advice: `the publish would fail on the lock: unlock the flow in Architect (it is this stack's own lock, from a run that did not finish), or set genesys-flows:forceUnlock: true in ${stackFile}`,
              };
        }
        if (covered && ctx.forceUnlock) {
          return {
            change: { ...c, acknowledged: ack!.reason },
            verdict: "acknowledged",
            advice: `acknowledged ("${ack!.reason}"): forceUnlock breaks ${c.who}'s lock; Genesys checks their work in as a version, which the publish buries`,
          };
        }
        if (covered) {
          return {
            change: { ...c, acknowledged: ack!.reason },
            verdict: "stop",
            advice: `acknowledged, but forceUnlock is off: the publish would fail on the lock; ask ${c.who} to check the flow in or close it in Architect, or set genesys-flows:forceUnlock: true in ${stackFile}`,
          };
        }
        return {
          change: c,
          verdict: "stop",
          advice: `ask ${c.who ?? "them"} to check the flow in (or discard) and close it in Architect, then take their change into ${file(c)}; or ${acknowledge}${ctx.forceUnlock ? "" : " and set genesys-flows:forceUnlock: true"}${ctx.forceUnlock ? " (forceUnlock breaks only this stack's own locks without it)" : ""}`,
        };
      }
      case "renamed":
        return {
          change: c,
          verdict: "warn",
          advice:
            `a plain run publishes "${c.publishedName}" beside the renamed flow while the stack, ` +
            `and what routes to it, keep the renamed one's id; instead: ${renameFix(c, ctx.stack)}`,
        };
      case "deleted":
        // Not --refresh (it fails on the deleted flow's 410) nor this run alone (an unchanged flow stays gone; a changed one fails on the unlock with forceUnlock).
        return {
          change: c,
          verdict: "warn",
          advice: `to publish it again under its name, forget its id in the stack's state first: ${c.urn ? forgetAndDeployCommand(ctx.stack, [c.urn]) : `npm run pulumi -- state delete <its URN> --stack ${ctx.stack} --yes, then ${deployCommand(ctx.stack)}`}`,
        };
      case "foreign-id":
        return { change: c, verdict: "warn", advice: "the flow of that name is not the one the stack deployed" };
    }
  });
  const unused = Object.keys(ctx.acknowledgements)
    .filter((flow) => !used.has(flow))
    .sort();
  return { judged, stop: judged.some((j) => j.verdict === "stop"), unused };
}

const LABEL: Record<PersonChange["kind"], string> = {
  "published-out-of-band": "published outside the stack",
  locked: "locked",
  draft: "draft",
  renamed: "renamed",
  deleted: "deleted",
  "foreign-id": "name taken",
  "routing-changed": "changed outside the stack",
};

const VERDICT_WORD: Record<Verdict, string> = {
  stop: "STOP",
  warn: "warning",
  acknowledged: "acknowledged",
  note: "note",
};

/** One line per change that stops the run, for the review's verdict: what preview says up stops on, and what to do. */
export function stopLines(d: OverwriteDecision): string[] {
  const stops = d.judged.filter((j) => j.verdict === "stop");
  return stops.map((j) => `up will stop before anything publishes: ${caseText(j)}; ${j.advice}`);
}

/** A judged change as a line names it: the flow's or object's name and id, what people did. */
const caseText = ({ change: c }: JudgedChange): string =>
  `${c.publishedName} (${c.flow}): ${LABEL[c.kind]}: ${c.detail}`;

/** The decision as text for preview and up: every case, what it is, what to do. */
export function renderOverwriteDecision(
  d: OverwriteDecision,
  state: OrgStateOfRun,
  stack: string,
  mode: "preview" | "up" | "destroy-preview" | "destroy" = "up",
): string {
  if (!state.checked) return `What people changed in the org: not checked (${state.reason}).\n`;
  const out: string[] = [];
  if (d.judged.length === 0) out.push("What people changed in the org: nothing on the flows this run touches.");
  else {
    out.push(`What people changed in the org (${state.org}) on the flows this run touches:`);
    for (const j of d.judged) {
      out.push(`  ${VERDICT_WORD[j.verdict].padEnd(12)} ${caseText(j)}`);
      out.push(`  ${"".padEnd(12)} ${j.advice}`);
    }
  }
  for (const flow of d.unused)
    out.push(
      `  note         genesys-flows:acknowledge.${flow} in ${stackFileName(stack)} covers nothing the org shows now: remove it`,
    );
  if (d.stop) {
    const n = d.judged.filter((j) => j.verdict === "stop").length;
    const cases = `${n} change${n === 1 ? "" : "s"} people made would be overwritten or broken (above)`;
    out.push(
      mode === "preview"
        ? `up will stop before anything publishes: ${cases}.`
        : mode === "destroy-preview"
          ? `destroy will stop before anything is deleted: ${cases}.`
          : mode === "destroy"
            ? `Stopped before anything is deleted: ${cases}; nothing was deleted (flows, IVR configs, schedules and the rest of the stack's routing included).`
            : `Stopped before anything publishes: ${cases}; nothing was published.`,
    );
  }
  return `${out.join("\n")}\n`;
}
