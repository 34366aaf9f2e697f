import { z } from "zod";
import { label, nodeId } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

/** An IANA time zone name, e.g. America/Chicago. */
const timeZone = z.string().regex(/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/, "an IANA time zone name, e.g. America/Chicago");

/** Checks whether a schedule of the org is active now (Archy `evaluateSchedule`). */
export const scheduleNode = z
  .object({
    type: z.literal("schedule"),
    label,
    /** The schedule's name in the org (often a `{{placeholder}}`). */
    schedule: z.string().min(1),
    /** The time zone the schedule is evaluated in. */
    timeZone,
    transitions: z.object({ open: nodeId, closed: nodeId }).strict(),
  })
  .strict();
export type ScheduleNode = z.infer<typeof scheduleNode>;

export const schedule: NodeTypeDescriptor<ScheduleNode> = {
  type: "schedule",
  summary: "Checks a schedule of the org now: `open` while it is active, `closed` otherwise.",
  fields: "`schedule` (schedule name), `timeZone` (IANA name)",
  transitions: () => [
    { name: "open", required: true, failure: false },
    { name: "closed", required: true, failure: false },
  ],
  terminal: false,
  expressions: () => [],
  writes: () => [],
  describe: (n) => `schedule ${n.schedule}`,
  example: { type: "schedule", label: "Business hours", schedule: "Business hours", timeZone: "America/Chicago", transitions: { open: "Next", closed: "Next" } },
};
