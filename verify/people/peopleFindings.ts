// Verify's findings about what people did in the org (verify/people/changesOfFlows.ts): locks, drafts,
// renames, the stack's name on another flow, and every version a person published that a later
// publish of the stack overwrote ("overwritten by this stack on <date>, their version preserved as
// N"), kept until the stack file acknowledges that version. Out-of-band publishes the stack has not
// overwritten yet are verify's drift, and deleted flows its flow-missing. Pure.
import { stackFileName } from "../../model/stackFile";
import { renameFix } from "../../project/deployCommand";
import type { Acknowledgement } from "../../planner/stackSettings";
import type { PersonChange } from "../../org/personChanges";
import type { VerifyFinding } from "../report";
import { sameVersion } from "./overwriteDecision";
import { authorOf, type OverwrittenVersion } from "./changesOfFlows";

export function peopleFindings(
  changes: readonly PersonChange[],
  overwritten: readonly OverwrittenVersion[],
  ctx: {
    acknowledgements: Readonly<Record<string, Acknowledgement>>;
    files: Readonly<Record<string, string>>;
    stack: string;
  },
): VerifyFinding[] {
  const out: VerifyFinding[] = [];
  const at = (flow: string) => (ctx.files[flow] ? { file: ctx.files[flow] } : {});
  for (const c of changes) {
    const base = { flow: c.publishedName, ...at(c.flow) };
    switch (c.kind) {
      case "locked":
        out.push({
          ...base,
          severity: "warning",
          code: "locked",
          message: c.detail,
          fix: c.ownClient
            ? "the next deploy breaks it when genesys-flows:forceUnlock is true; otherwise unlock it in Architect"
            : `the next deploy of this flow stops until it is checked in or closed in Architect${c.who ? ` by ${c.who}` : ""} (or the stack file acknowledges the lock)`,
        });
        break;
      case "draft":
        out.push({
          ...base,
          severity: "warning",
          code: "draft",
          message: c.detail,
          fix: `take it into ${ctx.files[c.flow] ?? "the flow file"} if it is to stay; the next deploy of this flow would bury it`,
        });
        break;
      case "renamed":
        out.push({ ...base, severity: "warning", code: "renamed", message: c.detail, fix: renameFix(c, ctx.stack) });
        break;
      case "foreign-id":
        out.push({ ...base, severity: "warning", code: "foreign-id", message: c.detail });
        break;
      case "published-out-of-band": // verify's drift (verify/compare.ts)
      case "deleted": // verify's flow-missing
      case "routing-changed": // verify's routing-drift (verify/people/routingChanges.ts)
        break;
    }
  }
  for (const o of overwritten) {
    const ack = ctx.acknowledgements[o.flow];
    const acked = ack?.version !== undefined && sameVersion(ack.version, o.version.id);
    const by = authorOf(o.version);
    out.push({
      flow: o.publishedName,
      ...at(o.flow),
      severity: acked ? "info" : "warning",
      code: "overwritten",
      message: `overwritten by this stack on ${o.overwrittenAt} (its version ${o.byVersion}), their ${o.version.type === "CHECKIN" ? "checked-in " : ""}version preserved as ${o.version.id}${by ? ` (by ${by})` : ""}${acked ? `; acknowledged: "${ack!.reason}"` : ""}`,
      ...(acked
        ? {}
        : {
            fix: `if their change is to stay, take it into ${ctx.files[o.flow] ?? "the flow file"} (Genesys keeps version ${o.version.id}) and deploy; otherwise acknowledge it in ${stackFileName(ctx.stack)}: genesys-flows:acknowledge: {${o.flow}: {reason: "<why>", version: "${o.version.id}"}}`,
          }),
    });
  }
  return out;
}
