// Schedule: is a schedule of the org active now? Compiles to Archy `evaluateSchedule` (paths
// `active` and `inactive` for the transitions `open` and `closed`); imports from one that
// evaluates one schedule named literally, now, in its own time zone.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, single } from "../../archy/json";
import { extraFields, litOf, otherPaths, pathActions } from "../../archy/values";
import { ianaTimeZone as timeZone, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { literalName, NOW } from "./orgNames";
import { defineNodeType, nodeSchema } from "./unit";

/** Checks whether a schedule of the org is active now (Archy `evaluateSchedule`). */
export const schedule = defineNodeType({
  schema: nodeSchema("schedule", {
    /** The schedule's name in the org (often a `{{placeholder}}`). */
    schedule: z.string().min(1),
    /** The time zone the schedule is evaluated in. */
    timeZone,
    transitions: z.object({ open: nodeId, closed: nodeId }).strict(),
  }),
  summary: "Checks a schedule of the org now: `open` while it is active, `closed` otherwise.",
  fields: "`schedule` (schedule name), `timeZone` (IANA name)",
  transitions: () => [
    { name: "open", required: true, failure: false },
    { name: "closed", required: true, failure: false },
  ],
  describe: (n) => `schedule ${n.schedule}`,
  example: {
    label: "Business hours",
    schedule: "Business hours",
    timeZone: "America/Chicago",
    transitions: { open: "Next", closed: "Next" },
  },
  emit: (node, id, ctx) => [
    A.evaluateSchedule(actionName(node, id), node.schedule, node.timeZone, {
      active: ctx.goto(id, "open", node.transitions.open),
      inactive: ctx.goto(id, "closed", node.transitions.closed),
    }),
  ],
  importer: {
    action: "evaluateSchedule",
    fields: ["name", "evaluationType", "outputs"],
    map(a) {
      const type = isMap(a.evaluationType) ? single(a.evaluationType) : undefined;
      if (type?.[0] !== "schedule" || !isMap(type[1])) return keepRaw("it evaluates something other than one schedule");
      const s = type[1];
      const sExtra = extraFields(s, ["selectedSchedule", "name", "evaluationTimeZone", "scheduleTimeZone", "evaluate"]);
      if (sExtra.length > 0) return keepRaw(`a schedule node has no field for ${sExtra.join(", ")}`);
      const name = literalName({
        ...(isMap(s.selectedSchedule) ? s.selectedSchedule : {}),
        ...(s.name !== undefined ? { name: s.name } : {}),
      });
      if (name === undefined) return keepRaw("its schedule is not named literally");
      const zone = litOf(s.scheduleTimeZone)?.value;
      if (typeof s.evaluationTimeZone !== "string" || zone !== s.evaluationTimeZone)
        return keepRaw("it evaluates in a time zone other than its schedule's");
      if (!NOW(s.evaluate)) return keepRaw("it evaluates a time other than now");
      const others = otherPaths(a, ["active", "inactive"]);
      if (others.length > 0) return keepRaw(`a schedule node has no transition for ${others.join(", ")}`);
      return {
        node: { type: "schedule", schedule: name, timeZone: s.evaluationTimeZone },
        branches: { open: pathActions(a, "active"), closed: pathActions(a, "inactive") },
      };
    },
  },
  // Evaluate Schedule takes its active path while the schedule is active, its inactive path
  // otherwise (sdk: ArchActionEvaluateSchedule; paths active/inactive). The scenario says which.
  run: {
    evaluateSchedule: (a, rt) => {
      const type = isMap(a.evaluationType) ? single(a.evaluationType) : undefined;
      if (type?.[0] !== "schedule" || !isMap(type[1]))
        return rt.cannot(`a schedule evaluation of ${type?.[0] ?? "nothing"}`);
      const s = type[1];
      if (!(isMap(s.evaluate) && s.evaluate.now === true))
        return rt.cannot("a schedule evaluated at a time other than now");
      const name = literalName(s.selectedSchedule) ?? (typeof s.name === "string" ? s.name : undefined);
      if (name === undefined) return rt.cannot("a schedule not named literally");
      return { kind: "path", path: rt.world.schedule({ name, action: rt.name }) };
    },
  },
});
