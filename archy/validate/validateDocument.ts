// The validator's entry points: a whole Archy document, or a list of raw actions embedded elsewhere
// (the flow model's `archy` node) with the flow's context.
import { FLOW_TYPES, flowTypeInfo, type FlowTypeInfo } from "../catalogue/flowTypes";
import { didYouMean } from "../suggest";
import { RULES, severityOf } from "../verdicts";
import type { ArchyFinding, ValidateOptions, ActionListContext } from "./types";
import { parseBasePath } from "./path";
import { Validator } from "./validator";

/** Validate a parsed Archy document (the value of a whole flow file). */
export function validateArchyDocument(doc: unknown, opts: ValidateOptions = {}): ArchyFinding[] {
  const v = new Validator(opts);
  v.document(doc);
  return v.done();
}

/**
 * Validate a list of raw Archy actions embedded elsewhere (the flow model's `archy` node). References
 * to tasks and menus are checked for their form only (the rest of the flow is not known here).
 */
export function validateActionList(
  list: unknown,
  ctx: ActionListContext,
  basePath: string = "actions",
  opts: ValidateOptions = {},
): ArchyFinding[] {
  const v = new Validator(opts);
  const ft = flowTypeInfo(ctx.flowType);
  if (!ft) {
    return [
      {
        path: basePath,
        verdict: "unknown",
        severity: severityOf("unknown", opts.strict === true),
        subject: `flow type ${ctx.flowType}`,
        rule: RULES.unknownFlowType,
        message: `"${ctx.flowType}" is not a flow type${didYouMean(ctx.flowType, Object.keys(FLOW_TYPES))}`,
      },
    ];
  }
  const callers = (ctx.callers ?? []).map((k) => flowTypeInfo(k)).filter((c): c is FlowTypeInfo => c !== undefined);
  v.actionListOnly(
    list,
    ft,
    ctx.variables,
    parseBasePath(basePath),
    callers.length > 0 ? callers : [ft],
    ctx.inLoop === true,
  );
  return v.done();
}
