// Set language: switches the interaction's language (prompts, speech, language skill) to one named
// literally (Archy `setLanguage` with `languageValue: {lit: <code>}` and `language: <code>`, as real
// exports write it: export:jpercs/terraform-github-actions flows/EUSA_OB_Collections_Customer_DEV.yaml
// line 249; https://help.mypurecloud.com/articles/set-language-action/).
import { z } from "zod";
import { litOf } from "../../archy/values";
import { LANGUAGE_TAG_PATTERN, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

/** A language code as exports write it (en-us, es-us, nl-nl, ...; en-US is one too: LANGUAGE_TAG_PATTERN). */
const languageCode = z.string().regex(LANGUAGE_TAG_PATTERN, "a language code such as en-us");

export const setLanguage = defineNodeType({
  schema: nodeSchema("setLanguage", {
    language: languageCode,
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Switches the interaction's language (prompts, speech recognition, language skill).",
  fields: "`language` (language code, e.g. es-us)",
  describe: (n) => `language ${n.language}`,
  example: { label: "Spanish", language: "es-us", transitions: { next: "Next" } },
  emit: (node, id, ctx) => [
    { setLanguage: { name: actionName(node, id), languageValue: { lit: node.language }, language: node.language } },
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name", "languageValue", "language"],
    map(a) {
      const value = litOf(a.languageValue)?.value;
      if (
        typeof value !== "string" ||
        !languageCode.safeParse(value).success ||
        (a.language !== undefined && a.language !== value)
      )
        return keepRaw("its language is not a language code named literally");
      return { node: { type: "setLanguage", language: value }, branches: { next: undefined } };
    },
  },
});
