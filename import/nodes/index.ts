// The action importers: one entry per Archy action a typed node compiles to. Adding a node type
// to the vocabulary: its importer in a file here (the action it reads, every field it maps, and
// `keepRaw(why)` for anything it cannot express), and one line below. Actions with no entry, or
// that an entry keeps raw, become `archy` nodes.
import { collectDigits } from "./collectDigits";
import { dataAction } from "./dataAction";
import { decision } from "./decision";
import { disconnect } from "./disconnect";
import { loop } from "./loop";
import { getParticipantData, setParticipantData } from "./participantData";
import { playMessage } from "./playMessage";
import { sendAutoReply, sendResponse } from "./replies";
import { schedule, scheduleGroup } from "./schedules";
import { setVariable } from "./setVariable";
import { switchImporter } from "./switch";
import { transferToQueue } from "./transferToQueue";
import type { ActionImporter } from "./types";

/** Archy action key -> its importer. */
export const ACTION_IMPORTERS: Readonly<Record<string, ActionImporter>> = {
  decision,
  updateData: setVariable,
  playAudio: playMessage,
  disconnect,
  transferToAcd: transferToQueue,
  collectInput: collectDigits,
  callData: dataAction,
  loop,
  switch: switchImporter,
  getParticipantData,
  setParticipantData,
  sendResponse,
  sendAutoReply,
  evaluateSchedule: schedule,
  evaluateScheduleGroup: scheduleGroup,
};

export type { ActionImporter, ImportContext, TypedMapping, KeepRaw } from "./types";
export { keepRaw } from "./types";
