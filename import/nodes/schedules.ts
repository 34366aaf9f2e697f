// evaluateSchedule of one schedule named literally, now, in one time zone -> schedule (`active`
// is open, `inactive` closed); evaluateScheduleGroup of one group named literally (or by
// FindScheduleGroup("...")), now, with at most a literal emergency group -> scheduleGroup.
// Schedules given by a variable, other evaluation times, or names by expression keep them raw.
import { isMap, single, type Json } from "../json";
import { expOf, extraFields, isEmptyField, litOf, otherPaths, pathActions } from "./values";
import { keepRaw, type ActionImporter } from "./types";

/** `{lit: {name: X}}` (with an optional `name: X` beside it, as exports write it) -> X. */
function literalName(v: Json): string | undefined {
  if (!isMap(v)) return undefined;
  const { name, ...rest } = v;
  const value = litOf(rest as Json)?.value;
  if (!isMap(value) || Object.keys(value).length !== 1 || typeof value.name !== "string" || value.name === "") return undefined;
  return name === undefined || name === value.name ? value.name : undefined;
}

const NOW = (v: Json) => isMap(v) && Object.keys(v).length === 1 && v.now === true;

export const schedule: ActionImporter = {
  nodeType: "schedule",
  map(a) {
    const extra = extraFields(a, ["name", "evaluationType", "outputs"]);
    if (extra.length > 0) return keepRaw(`a schedule node has no field for ${extra.join(", ")}`);
    const type = isMap(a.evaluationType) ? single(a.evaluationType) : undefined;
    if (!type || type[0] !== "schedule" || !isMap(type[1])) return keepRaw("it evaluates something other than one schedule");
    const s = type[1];
    const sExtra = extraFields(s, ["selectedSchedule", "name", "evaluationTimeZone", "scheduleTimeZone", "evaluate"]);
    if (sExtra.length > 0) return keepRaw(`a schedule node has no field for ${sExtra.join(", ")}`);
    const name = literalName({ ...(isMap(s.selectedSchedule) ? s.selectedSchedule : {}), ...(s.name !== undefined ? { name: s.name } : {}) });
    if (name === undefined) return keepRaw("its schedule is not named literally");
    const zone = litOf(s.scheduleTimeZone)?.value;
    if (typeof s.evaluationTimeZone !== "string" || zone !== s.evaluationTimeZone) return keepRaw("it evaluates in a time zone other than its schedule's");
    if (!NOW(s.evaluate)) return keepRaw("it evaluates a time other than now");
    const others = otherPaths(a, ["active", "inactive"]);
    if (others.length > 0) return keepRaw(`a schedule node has no transition for ${others.join(", ")}`);
    return { node: { type: "schedule", schedule: name, timeZone: s.evaluationTimeZone }, branches: { open: pathActions(a, "active"), closed: pathActions(a, "inactive") } };
  },
};

/** The schedule group's name: a literal, or `FindScheduleGroup("X")`. */
function groupName(v: Json): string | undefined {
  const literal = literalName(v);
  if (literal !== undefined) return literal;
  const m = /^FindScheduleGroup\("([^"\\]+)"\)$/.exec(expOf(v)?.trim() ?? "");
  return m?.[1];
}

export const scheduleGroup: ActionImporter = {
  nodeType: "scheduleGroup",
  map(a) {
    const extra = extraFields(a, ["name", "inServiceSchedules", "evaluate", "scheduleGroup", "emergencyGroup", "outputs"]);
    if (extra.length > 0) return keepRaw(`a scheduleGroup node has no field for ${extra.join(", ")}`);
    if (!isEmptyField(a.inServiceSchedules)) return keepRaw("it stores the in-service schedules in a variable");
    if (!NOW(a.evaluate)) return keepRaw("it evaluates a time other than now");
    const group = groupName(a.scheduleGroup);
    if (group === undefined) return keepRaw("its schedule group is not named literally");
    const emergency = isEmptyField(a.emergencyGroup) ? undefined : literalName(a.emergencyGroup);
    if (!isEmptyField(a.emergencyGroup) && emergency === undefined) return keepRaw("its emergency group is not named literally");
    const others = otherPaths(a, emergency !== undefined ? ["open", "closed", "holiday", "emergency"] : ["open", "closed", "holiday"]);
    // Without an emergency group the emergency path never runs: an empty one is no loss.
    if (others.some((o) => o !== "emergency" || (pathActions(a, o) ?? []).length > 0)) return keepRaw(`a scheduleGroup node has no transition for ${others.join(", ")}`);
    return {
      node: { type: "scheduleGroup", scheduleGroup: group, ...(emergency !== undefined ? { emergencyGroup: emergency } : {}) },
      branches: {
        open: pathActions(a, "open"),
        closed: pathActions(a, "closed"),
        holiday: pathActions(a, "holiday"),
        ...(emergency !== undefined ? { emergency: pathActions(a, "emergency") } : {}),
      },
    };
  },
};
