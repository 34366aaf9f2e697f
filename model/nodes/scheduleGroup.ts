import { z } from "zod";
import { label, nodeId } from "../types";
import type { NodeTypeDescriptor, TransitionSpec } from "./descriptor";

/** A name of the org written into a FindScheduleGroup("...") expression: no double quote or backslash. */
const objectName = z.string().min(1).max(200).refine((s) => !s.includes('"') && !s.includes("\\"), "no double quote or backslash in the name");

/**
 * Checks a schedule group of the org now (Archy `evaluateScheduleGroup`): `open`, `closed` or
 * `holiday` as its schedules say, and `emergency` while the emergency group, if given, is active
 * (Genesys evaluates emergency, then holiday, closed, open).
 */
export const scheduleGroupNode = z
  .object({
    type: z.literal("scheduleGroup"),
    label,
    /** The schedule group's name in the org (often a `{{placeholder}}`). */
    scheduleGroup: objectName,
    /** An emergency group of the org; its `emergency` transition is then required. */
    emergencyGroup: z.string().min(1).optional(),
    transitions: z.object({ open: nodeId, closed: nodeId, holiday: nodeId, emergency: nodeId.optional() }).strict(),
  })
  .strict()
  .superRefine((node, ctx) => {
    if (node.emergencyGroup !== undefined && node.transitions.emergency === undefined) {
      ctx.addIssue({ code: "custom", path: ["transitions"], message: `has no "emergency" transition; a scheduleGroup node with an emergencyGroup needs one` });
    }
    if (node.emergencyGroup === undefined && node.transitions.emergency !== undefined) {
      ctx.addIssue({ code: "custom", path: ["transitions", "emergency"], message: "is never taken without an emergencyGroup; name the emergency group or remove the transition" });
    }
  });
export type ScheduleGroupNode = z.infer<typeof scheduleGroupNode>;

export const scheduleGroup: NodeTypeDescriptor<ScheduleGroupNode> = {
  type: "scheduleGroup",
  summary: "Checks a schedule group of the org now: `open`, `closed`, `holiday`, or `emergency` while its emergency group is active.",
  fields: "`scheduleGroup` (schedule group name), `emergencyGroup` (optional emergency group name)",
  transitionsDoc: "`open`, `closed`, `holiday`, `emergency` (with an `emergencyGroup`)",
  transitions: (n): TransitionSpec[] => [
    { name: "open", required: true, failure: false },
    { name: "closed", required: true, failure: false },
    { name: "holiday", required: true, failure: false },
    ...(n.emergencyGroup !== undefined ? [{ name: "emergency", required: true, failure: false }] : []),
  ],
  terminal: false,
  expressions: () => [],
  writes: () => [],
  describe: (n) => `schedule group ${n.scheduleGroup}`,
  example: {
    type: "scheduleGroup",
    label: "Office hours",
    scheduleGroup: "Main office",
    emergencyGroup: "Site emergency",
    transitions: { open: "Next", closed: "Next", holiday: "Next", emergency: "Next" },
  },
};
