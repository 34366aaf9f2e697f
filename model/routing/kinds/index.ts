// The routing kinds, registered once, in the order the engine creates them: a DID pool first (it
// holds the numbers IVR configs route), then schedules, schedule groups, IVR configs, emergency
// groups; and the org object kinds a flow names (../kind.ts `object`: queues, ACD skills, language
// skills, wrap-up codes, user prompts, data tables, data actions), declared under objects/ and created before the flows. A kind is one file
// of this folder (../kind.ts says what it holds); everything else is derived from the list below:
// the file format (../schema.ts), the planner's order and stack values, the checks' references,
// the components' provider resources, the org reads and adoption, the review's words, the
// emulator's collections. Adding a kind: its file here and one line below (and the emulator's
// store of it: emulator/routingStore.ts for a routing kind, emulator/orgObjectStore.ts for an object).
import { z } from "zod";
import type { RoutingKindUnit } from "../kind";
import { dataAction, dataActionFile } from "./dataAction";
import { dataTable, dataTableFile } from "./dataTable";
import { didPool, didPoolFile } from "./didPool";
import { emergencyGroup, emergencyGroupFile, type OrgEmergencyGroup } from "./emergencyGroup";
import { ivr, ivrFile, type OrgIvrConfig } from "./ivr";
import { languageSkill, languageSkillFile } from "./languageSkill";
import { prompt, promptFile } from "./prompt";
import { queue, queueFile } from "./queue";
import { schedule, scheduleFile, type OrgSchedule } from "./schedule";
import { scheduleGroup, scheduleGroupFile, type OrgScheduleGroup } from "./scheduleGroup";
import { skill, skillFile } from "./skill";
import { wrapupCode, wrapupCodeFile } from "./wrapupCode";

/** A routing or org object file: one object, told apart by `kind` (the kinds' schemas, as typed values). */
const OBJECT_FILES = [
  queueFile,
  skillFile,
  languageSkillFile,
  wrapupCodeFile,
  promptFile,
  dataTableFile,
  dataActionFile,
] as const;
const ROUTING_FILES = [scheduleFile, scheduleGroupFile, ivrFile, emergencyGroupFile, didPoolFile] as const;
export const routingFile = z.discriminatedUnion("kind", [...ROUTING_FILES, ...OBJECT_FILES]);
export type RoutingFile = z.infer<typeof routingFile>;
export type RoutingKind = RoutingFile["kind"];
/** The org object kinds (declared under objects/), and the routing kinds proper. */
export type ObjectFileKind = z.infer<(typeof OBJECT_FILES)[number]>["kind"];
export type RouteKind = Exclude<RoutingKind, ObjectFileKind>;

/** The org's routing objects as adoption reads them, one type per kind that is adopted. */
export type OrgRoutingObject = OrgSchedule | OrgScheduleGroup | OrgIvrConfig | OrgEmergencyGroup;

/** Every kind, in creation order: the org objects, which flows name, first. */
const UNITS = [
  queue,
  skill,
  languageSkill,
  wrapupCode,
  prompt,
  dataTable,
  dataAction,
  didPool,
  schedule,
  scheduleGroup,
  ivr,
  emergencyGroup,
];
export const ROUTING_KIND_UNITS = UNITS as ReadonlyArray<RoutingKindUnit<RoutingFile>>;

const BY_KIND = new Map(ROUTING_KIND_UNITS.map((u) => [u.kind, u]));

/** The unit of a kind. */
export function unitOf(kind: RoutingKind): RoutingKindUnit<RoutingFile> {
  // Every kind of the union has a unit (test/unit/routingKinds.test.ts).
  return BY_KIND.get(kind)!;
}

/** A routing file's value narrowed to one kind, for code about that kind's own meaning (a call routed by an IVR config). */
export function isKind<K extends RoutingKind>(v: RoutingFile, kind: K): v is Extract<RoutingFile, { kind: K }> {
  return v.kind === kind;
}
