// playAudio of a text to speech -> playMessage with a prompt; of an audio expression
// (`{exp: ToAudio(Prompt.Greeting)}`, a sequence of prompts) -> playMessage with audio.
import { expOf, extraFields, ttsOf } from "./values";
import { keepRaw, type ActionImporter } from "./types";

export const playMessage: ActionImporter = {
  nodeType: "playMessage",
  map(a) {
    const extra = extraFields(a, ["name", "audio"]);
    if (extra.length > 0) return keepRaw(`a playMessage node has no field for ${extra.join(", ")}`);
    const prompt = ttsOf(a.audio);
    if (prompt !== undefined) return { node: { type: "playMessage", prompt }, branches: { next: undefined } };
    const audio = expOf(a.audio);
    if (audio !== undefined) return { node: { type: "playMessage", audio }, branches: { next: undefined } };
    return keepRaw("its audio is neither a text to speech nor an expression");
  },
};
