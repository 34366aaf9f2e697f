// Model fields every flow kind has, and the ones shared by the kinds that talk to a customer.
import { z } from "zod";

const flowName = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => s.trim() === s, "no leading or trailing spaces")
  // Genesys: "The maximum length of a flow name is 200 characters and it cannot contain a slash / or end in -debug."
  .refine((s) => !s.includes("/"), "no slash (/): Genesys refuses it in flow names")
  .refine((s) => !/-debug$/i.test(s), "must not end in -debug: Genesys reserves it");

export const languageTag = z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "a language tag in lower case, e.g. en-us");

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
  defaultLanguage: languageTag.default("en-us"),
};
