// disconnect -> disconnect.
import { extraFields } from "./values";
import { keepRaw, type ActionImporter } from "./types";

export const disconnect: ActionImporter = {
  nodeType: "disconnect",
  map(a) {
    const extra = extraFields(a, ["name"]);
    if (extra.length > 0) return keepRaw(`a disconnect node has no field for ${extra.join(", ")}`);
    return { node: { type: "disconnect" }, branches: {} };
  },
};
