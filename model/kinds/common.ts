// Model fields every flow kind has, and the ones shared by the kinds that talk to a customer.
import { z } from "zod";
import { flowNameProblem, LANGUAGE_TAG_OR_PLACEHOLDER_PATTERN } from "../types";
import { FLOW_NAME_MAX } from "../../archy/catalogue/flowTypes";

// Length is zod's (the editor schema shows it); the rest is Genesys's rule (model/types.ts).
const flowName = z
  .string()
  .min(1)
  .max(FLOW_NAME_MAX)
  .superRefine((s, ctx) => {
    const problem = s.length >= 1 && s.length <= FLOW_NAME_MAX ? flowNameProblem(s) : undefined;
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: `a flow name that ${problem}` });
  });

/**
 * A flow's default language: a tag (model/types.ts: `en-US` is taken as written, and the
 * compiled flow keeps it as its supportedLanguages and speech terms spell it), or a whole
 * `{{placeholder}}` the stack fills (exports written for the provider carry
 * `defaultLanguage: {{default_language}}`, and the provider substitutes it before the publish; the
 * placeholders rule reports a stack that leaves it unfilled).
 */
const defaultLanguageTag = z
  .string()
  .regex(LANGUAGE_TAG_OR_PLACEHOLDER_PATTERN, "a language tag, e.g. en-us, or a {{placeholder}} the stack fills");

/** Fields of every kind (besides `kind`, `start`, `nodes` and `variables`, added by the schema). */
export const commonShape = {
  /** The flow's name before the stack's prefix is added. */
  name: flowName,
  description: z.string().max(500).optional(),
  /** The Genesys division the flow is published in (by name). Default: Home. */
  division: z.string().min(1).optional(),
  /**
   * Flow-level Archy the model has no field for, copied into the compiled file over the kind's
   * defaults: `settingsErrorHandling`, `initialGreeting`, `supportedLanguages`, `settingsMenu`,
   * `worktype`, `menus`, ..., and in `variables` declarations of variables the model cannot declare
   * (bot slots, inputs and outputs of a workflow, other types). Checked by the Archy validator in
   * the flow's kind (rule archy-actions). Imports put here what a flow had that the model lacks.
   */
  archySettings: z.record(z.string(), z.unknown()).optional(),
};

/** Flows that talk to a customer have a language. */
export const languageShape = {
  defaultLanguage: defaultLanguageTag.default("en-us"),
};
