// The value types, names and text fields every part of the flow model shares. Pure.
import { invisibleProblem } from "./visibleNames";
import { z } from "zod";
import { PLACEHOLDER_PATTERN, placeholdersOutsideStrings } from "../archy/placeholder";
import { flowNameTooLong } from "../archy/catalogue/flowTypes";

/**
 * The longest node id and variable name (without its scope prefix) the model takes, and the
 * longest name the compiler gives a variable it declares (`<node>_outcome`). The model's own
 * limit: Genesys documents none for variable names (its help pages and Platform API spec v193
 * give no length), and the longest in the real exports studied is 37 characters.
 */
export const MAX_NAME_LENGTH = 64;
/** Node ids become Archy refIds and task names: keep them to a safe, readable alphabet. */
export const NODE_ID_PATTERN = new RegExp(`^[A-Za-z][A-Za-z0-9_]{0,${MAX_NAME_LENGTH - 1}}$`);
/** Variable, input and output names become `Flow.<name>` / `Common.<name>` in Archy. */
export const VARIABLE_NAME_PATTERN = new RegExp(`^[A-Za-z][A-Za-z0-9_]{0,${MAX_NAME_LENGTH - 1}}$`);
export { PLACEHOLDER_PATTERN };
/**
 * A language tag (en-us, es-us, pt-br, ...). Exports write them in lower case, but a tag's case
 * carries no meaning (RFC 5646, section 2.1.1) and the Archy validator compares tags ignoring it:
 * `en-US` is a tag too, taken as written.
 */
const LANGUAGE_TAG = "[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*";
export const LANGUAGE_TAG_PATTERN = new RegExp(`^${LANGUAGE_TAG}$`);
/** A language tag or a whole `{{placeholder}}` a stack fills with one (a flow's defaultLanguage). */
export const LANGUAGE_TAG_OR_PLACEHOLDER_PATTERN = new RegExp(`^(?:${LANGUAGE_TAG}|${PLACEHOLDER_PATTERN.source})$`);

export const nodeId = z.string().regex(NODE_ID_PATTERN, "a node id: a letter, then letters, digits or _ (at most 64)");
export const variableName = z
  .string()
  .regex(VARIABLE_NAME_PATTERN, "a variable name: a letter, then letters, digits or _ (at most 64)");
/**
 * An Architect expression, e.g. `Call.Ani`, `Flow.choice == "1"`, `"literal text"`. A
 * `{{placeholder}}` only inside a string literal: the provider substitutes verbatim, so one outside
 * would make the stack's value part of the expression's code (a quote in it, or `1 or true`,
 * changes what the flow does); as text it is a value like any other.
 */
export const expression = z
  .string()
  .min(1, "a non-empty Architect expression")
  .superRefine((text, ctx) => {
    const bare = placeholdersOutsideStrings(text)[0];
    if (bare === undefined) return;
    const whole = bare.text === text.trim();
    ctx.addIssue({
      code: "custom",
      message: `${bare.text} stands outside a string literal (column ${bare.offset + 1}), so the stack's value would be spliced into the expression's code; placeholders in expressions are text: write ${whole ? `'"${bare.text}"'` : `"${bare.text}"`} (in double quotes)${whole ? ", and convert it where a number or Boolean is needed (ToInt, ToBool)" : ""}`,
    });
  });
/** Text to speak (TTS). May hold `{{placeholders}}` filled per stack. */
export const speech = z.string().min(1, "non-empty text to speak");
/**
 * What Genesys refuses in a flow's published name, or undefined: "The maximum length of a flow
 * name is 200 characters and it cannot contain a slash / or end in -debug"
 * (help.mypurecloud.com/articles/add-a-flow/). Checked on the model's name and, with a stack, on
 * the published name (prefix and substitutions applied). And a character nobody sees (model/visibleNames.ts).
 */
export function flowNameProblem(name: string): string | undefined {
  if (name.length === 0) return "is empty";
  const long = flowNameTooLong(name);
  if (long !== undefined) return long;
  if (name.trim() !== name) return "has leading or trailing spaces";
  if (name.includes("/")) return "contains a slash (/), which Genesys refuses in flow names";
  if (/-debug$/i.test(name)) return "ends in -debug, which Genesys reserves";
  return invisibleProblem(name);
}

/**
 * An IANA time zone name (America/Chicago), as the runtime's time zone database knows it: a name
 * shaped like one but unknown (Mars/Olympus_Mons) is refused.
 */
export const ianaTimeZone = z
  .string()
  .regex(/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/, "an IANA time zone name, e.g. America/Chicago")
  .superRefine((s, ctx) => {
    if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/.test(s)) return; // the regex says it
    let resolved: string | undefined;
    try {
      resolved = new Intl.DateTimeFormat("en-US", { timeZone: s }).resolvedOptions().timeZone;
    } catch {
      resolved = undefined;
    }
    if (resolved === undefined)
      ctx.addIssue({
        code: "custom",
        message: `"${s}" is not an IANA time zone name (e.g. America/Chicago, Europe/London, UTC)`,
      });
    // The database matches names case-insensitively; Genesys takes them as written.
    else if (resolved !== s && resolved.toLowerCase() === s.toLowerCase())
      ctx.addIssue({ code: "custom", message: `time zone "${s}" is written "${resolved}"` });
  });

/** A label shown in Architect and in diagrams. */
export const label = z.string().min(1).max(200).optional();

/**
 * Variable types a flow may declare. Each is an Archy variable type (`<type>Variable` in the
 * compiled file); the names are Archy's own, as real exports use them (date and time are not
 * offered: no public export or document shows a dateVariable or timeVariable).
 */
export const VALUE_TYPES = [
  "string",
  "integer",
  "decimal",
  "boolean",
  "json",
  "dateTime",
  "duration",
  "queue",
  // A user prompt (Prompt.X): promptVariable and prompt statements of updateData,
  // export:jpercs/terraform-github-actions flows/EUSA_OB_Collections_Customer_PROD.yaml lines 57 and 428.
  "prompt",
  "stringCollection",
  "integerCollection",
  // Declared and set by real exports (values are expressions; no literal initial value):
  // currencyVariable, export:jpercs/terraform-github-actions flows/EUSA_OB_Collections_Customer_DEV.yaml line 37;
  "currency",
  // userVariable, export:DoctorHCode333/CI_CD2 .../architect_flows/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f.yaml line 30;
  "user",
  // userCollectionVariable and a userCollection statement, export:antoningar/genesys-cloud-exporter terraform/Exporter_Orchestrator.yaml line 93;
  "userCollection",
  // externalContactVariable, export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint terraform/workflow/SendEmailWorkflow.yaml line 27;
  "externalContact",
  // dateTimeCollectionVariable, export:DoctorHCode333/CI_CD2 .../architect_flows/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc.yaml line 172;
  "dateTimeCollection",
  // agentScorePairCollectionVariable and statement, export:GenesysCloudBlueprints/switch-voice-to-web-messaging
  // terraform/modules/inbound-message-flow/Switch_from_Voice_Channel_with_Context.yaml line 52.
  "agentScorePairCollection",
] as const;
export const valueType = z.enum(VALUE_TYPES);
export type ValueType = z.infer<typeof valueType>;

/** Types whose initial value can be written as a YAML literal (compiled to `initialValue: {lit: ...}`). */
export const LITERAL_INITIAL_TYPES: readonly ValueType[] = ["string", "integer", "decimal", "boolean"];

/** Whether a value of type `from` may be stored where `to` is declared (integers widen to decimals). */
export function assignable(from: string, to: string, widenIntegers = true): boolean {
  return from === to || (widenIntegers && from === "integer" && to === "decimal");
}

export const variableDeclaration = z
  .object({
    type: valueType,
    description: z.string().optional(),
    /**
     * Initial value, a YAML literal of the variable's type (`false`, `3`, `"text"`). Real exports
     * only ever initialise with literals (`lit`) or nothing (`noValue`), never with expressions.
     */
    initial: z.union([z.string(), z.number(), z.boolean()]).optional(),
  })
  .strict();
export type VariableDeclaration = z.infer<typeof variableDeclaration>;

/**
 * The module output the compiler reserves for the module's outcome (`completed` or `error`): a
 * module may not declare it, and callers read it through the subflow's transitions.
 */
export const RESERVED_OUTCOME_NAME = "outcome";

/** The module output carrying the module's outcome, `completed` or `error`, in compiled Archy. */
export const OUTCOME_VARIABLE = `Common.${RESERVED_OUTCOME_NAME}`;
