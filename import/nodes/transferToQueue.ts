// transferToAcd to a queue by name, with at most a spoken prompt -> transferToQueue; its failure
// path is the node's failure transition. Anything else a transfer can carry (skills, agents,
// priorities, in-queue flows, failure outputs) keeps it raw.
import { isMap } from "../json";
import { extraFields, isEmptyField, litOf, otherPaths, pathActions, ttsOf } from "./values";
import { keepRaw, type ActionImporter } from "./types";

export const transferToQueue: ActionImporter = {
  nodeType: "transferToQueue",
  map(a) {
    const extra = extraFields(a, ["name", "targetQueue", "preTransferAudio", "priority", "preferredAgents", "languageSkill", "outputs"]);
    if (extra.length > 0) return keepRaw(`a transferToQueue node has no field for ${extra.join(", ")}`);
    const target = litOf(a.targetQueue)?.value;
    if (!isMap(target) || Object.keys(target).length !== 1 || typeof target.name !== "string" || target.name === "") return keepRaw("its queue is not named literally");
    const prompt = isEmptyField(a.preTransferAudio) ? undefined : ttsOf(a.preTransferAudio);
    if (!isEmptyField(a.preTransferAudio) && prompt === undefined) return keepRaw("its pre-transfer audio is not a plain text to speech");
    const priority = a.priority === undefined ? 0 : litOf(a.priority)?.value;
    if (priority !== 0) return keepRaw("it sets a priority");
    const others = otherPaths(a, ["failure"]);
    if (others.length > 0) return keepRaw(`a transferToQueue node has no transition for ${others.join(", ")}`);
    return {
      node: { type: "transferToQueue", queue: target.name, ...(prompt !== undefined ? { prompt } : {}) },
      branches: { failure: pathActions(a, "failure") },
    };
  },
};
