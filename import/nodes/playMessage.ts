// playAudio of a text to speech -> playMessage.
import { extraFields, ttsOf } from "./values";
import { keepRaw, type ActionImporter } from "./types";

export const playMessage: ActionImporter = {
  nodeType: "playMessage",
  map(a) {
    const extra = extraFields(a, ["name", "audio"]);
    if (extra.length > 0) return keepRaw(`a playMessage node has no field for ${extra.join(", ")}`);
    const prompt = ttsOf(a.audio);
    if (prompt === undefined) return keepRaw("its audio is not a plain text to speech");
    return { node: { type: "playMessage", prompt }, branches: { next: undefined } };
  },
};
