// Schedule group: open, closed, holiday or emergency now? Compiles to Archy `evaluateScheduleGroup`;
// imports from one that evaluates one group named literally (or by FindScheduleGroup("...")), now,
// with at most a literal emergency group.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, type Json } from "../../archy/json";
import { expOf, isEmptyField, otherPaths, pathActions } from "../../archy/values";
import { nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { literalName, NOW } from "./orgNames";
import { defineNodeType, type TransitionSpec, nodeSchema } from "./unit";
import { isUnset, objectName as namedObject } from "./runFields";

/** A name of the org written into a FindScheduleGroup("...") expression: no double quote or backslash. */
const objectName = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !s.includes('"') && !s.includes("\\"), "no double quote or backslash in the name");

/** The schedule group's name: a literal, or `FindScheduleGroup("X")`. */
function groupName(v: Json): string | undefined {
  const literal = literalName(v);
  if (literal !== undefined) return literal;
  const m = /^FindScheduleGroup\("([^"\\]+)"\)$/.exec(expOf(v)?.trim() ?? "");
  return m?.[1];
}

/**
 * Checks a schedule group of the org now (Archy `evaluateScheduleGroup`): `open`, `closed` or
 * `holiday` as its schedules say, and `emergency` while the emergency group, if given, is active
 * (Genesys evaluates emergency, then holiday, closed, open).
 */
export const scheduleGroup = defineNodeType({
  schema: nodeSchema("scheduleGroup", {
    /** The schedule group's name in the org (often a `{{placeholder}}`). */
    scheduleGroup: objectName,
    /** An emergency group of the org; its `emergency` transition is then required. */
    emergencyGroup: z.string().min(1).optional(),
    transitions: z.object({ open: nodeId, closed: nodeId, holiday: nodeId, emergency: nodeId.optional() }).strict(),
  }).superRefine((node, ctx) => {
    if (node.emergencyGroup !== undefined && node.transitions.emergency === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["transitions"],
        message: `has no "emergency" transition; a scheduleGroup node with an emergencyGroup needs one`,
      });
    }
    if (node.emergencyGroup === undefined && node.transitions.emergency !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["transitions", "emergency"],
        message: "is never taken without an emergencyGroup; name the emergency group or remove the transition",
      });
    }
  }),
  summary:
    "Checks a schedule group of the org now: `open`, `closed`, `holiday`, or `emergency` while its emergency group is active.",
  fields: "`scheduleGroup` (schedule group name), `emergencyGroup` (optional emergency group name)",
  transitionsDoc: "`open`, `closed`, `holiday`, `emergency` (with an `emergencyGroup`)",
  transitions: (n): TransitionSpec[] => [
    { name: "open", required: true, failure: false },
    { name: "closed", required: true, failure: false },
    { name: "holiday", required: true, failure: false },
    ...(n.emergencyGroup !== undefined ? [{ name: "emergency", required: true, failure: false }] : []),
  ],
  describe: (n) => `schedule group ${n.scheduleGroup}`,
  example: {
    label: "Office hours",
    scheduleGroup: "Main office",
    emergencyGroup: "Site emergency",
    transitions: { open: "Next", closed: "Next", holiday: "Next", emergency: "Next" },
  },
  emit: (node, id, ctx) => [
    A.evaluateScheduleGroup(actionName(node, id), node.scheduleGroup, node.emergencyGroup, {
      open: ctx.goto(id, "open", node.transitions.open),
      closed: ctx.goto(id, "closed", node.transitions.closed),
      holiday: ctx.goto(id, "holiday", node.transitions.holiday),
      emergency: node.emergencyGroup !== undefined ? ctx.goto(id, "emergency", node.transitions.emergency) : [],
    }),
  ],
  importer: {
    action: "evaluateScheduleGroup",
    fields: ["name", "inServiceSchedules", "evaluate", "scheduleGroup", "emergencyGroup", "outputs"],
    map(a) {
      if (!isEmptyField(a.inServiceSchedules)) return keepRaw("it stores the in-service schedules in a variable");
      if (!NOW(a.evaluate)) return keepRaw("it evaluates a time other than now");
      const group = groupName(a.scheduleGroup);
      if (group === undefined) return keepRaw("its schedule group is not named literally");
      const emergency = isEmptyField(a.emergencyGroup) ? undefined : literalName(a.emergencyGroup);
      if (!isEmptyField(a.emergencyGroup) && emergency === undefined)
        return keepRaw("its emergency group is not named literally");
      const others = otherPaths(
        a,
        emergency !== undefined ? ["open", "closed", "holiday", "emergency"] : ["open", "closed", "holiday"],
      );
      // Without an emergency group the emergency path never runs: an empty one is no loss.
      if (others.some((o) => o !== "emergency" || (pathActions(a, o) ?? []).length > 0))
        return keepRaw(`a scheduleGroup node has no transition for ${others.join(", ")}`);
      return {
        node: {
          type: "scheduleGroup",
          scheduleGroup: group,
          ...(emergency !== undefined ? { emergencyGroup: emergency } : {}),
        },
        branches: {
          open: pathActions(a, "open"),
          closed: pathActions(a, "closed"),
          holiday: pathActions(a, "holiday"),
          ...(emergency !== undefined ? { emergency: pathActions(a, "emergency") } : {}),
        },
      };
    },
  },
  // Evaluate Schedule Group: "Genesys Cloud evaluates schedules in the following order: Emergency,
  // Holiday, Closed, Open ... If none of the defined schedules include the supplied date and time,
  // then at runtime the flow takes the Closed output path"
  // (help.mypurecloud.com/articles/evaluate-schedule-group-action/). The scenario gives the group's
  // state; emergency only counts when the action names an emergency group.
  run: {
    evaluateScheduleGroup: (a, rt) => {
      if (!(isMap(a.evaluate) && a.evaluate.now === true))
        return rt.cannot("a schedule group evaluated at a time other than now");
      const group = namedObject(rt, a.scheduleGroup, "scheduleGroup", "the schedule group");
      const emergency = isUnset(a.emergencyGroup)
        ? undefined
        : namedObject(rt, a.emergencyGroup, "emergencyGroup", "the emergency group");
      return {
        kind: "path",
        path: rt.world.scheduleGroup({
          name: group,
          ...(emergency !== undefined ? { emergencyGroup: emergency } : {}),
          action: rt.name,
        }),
      };
    },
  },
});
