// Set wrap-up code: gives the interaction a wrap-up code named literally (Archy `setWrapupCode`,
// `wrapupCode: {lit: {name: <code>}}` as real exports write it: export:jpercs/terraform-github-actions
// flows/EUSA_OB_Collections_Customer_DEV.yaml line 1069;
// https://help.mypurecloud.com/articles/set-wrap-up-code-action/). Imports from one naming its code literally.
import { z } from "zod";
import { litOf } from "../../archy/values";
import { isMap } from "../../archy/json";
import { nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

export const setWrapupCode = defineNodeType({
  schema: nodeSchema("setWrapupCode", {
    /** The wrap-up code's name in the org. */
    wrapupCode: z.string().min(1),
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Gives the interaction a wrap-up code (named as in the org).",
  fields: "`wrapupCode` (wrap-up code name)",
  describe: (n) => `wrap-up code ${n.wrapupCode}`,
  example: { label: "Mark resolved", wrapupCode: "Resolved", transitions: { next: "Next" } },
  emit: (node, id, ctx) => [
    { setWrapupCode: { name: actionName(node, id), wrapupCode: { lit: { name: node.wrapupCode } } } },
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name", "wrapupCode"],
    map(a) {
      const code = litOf(a.wrapupCode)?.value;
      if (!isMap(code) || Object.keys(code).length !== 1 || typeof code.name !== "string" || code.name === "")
        return keepRaw("its wrap-up code is not named literally");
      return { node: { type: "setWrapupCode", wrapupCode: code.name }, branches: { next: undefined } };
    },
  },
});
