import type { SourceId } from "./sources";

// Architect data types as Archy names them (the `<type>` of `<type>Variable`), and the rules for
// when a value of one type may be used where another is expected. Pure data and functions.
//
// Source: Architect's data types (help.mypurecloud.com/articles/architect-variable-types/ and the
// Expression Help), and the variable kinds of real exports (`stringVariable`, `queueVariable`,
// `agentScorePairCollectionVariable`, ...).

/** "string" | "integer" | "decimal" | ... | "<type>Collection" | "unknown". */
export type ArchyType = string;

/** Scalar types; each also exists as a collection, `<type>Collection`. */
export const SCALAR_TYPES: readonly string[] = [
  "string",
  "integer",
  "decimal",
  "boolean",
  "currency",
  "date",
  "dateTime",
  "time",
  "duration",
  "json",
  "audio",
  "prompt",
  "communication",
  "phoneNumber",
  "emailAddress",
  "queue",
  "user",
  "group",
  "skill",
  "languageSkill",
  "wrapupCode",
  "externalContact",
  "externalOrganization",
  "agentScorePair",
  "schedule",
  "scheduleGroup",
  "emergencyGroup",
  "contactList",
  "knowledgeBaseDocument",
  "workitem",
  "worktype",
  "conversationSummary",
  // Built-in structured values of interactions (read-only; never declared by a flow).
  "emailMessage",
  "message",
  "chatGuest",
  "contactListRow",
  "senderAddressInfo",
  // Playback formats (Format.Number.playDigits) and their groups.
  "numberFormat",
  "stringFormat",
  "dateFormat",
  "numberFormats",
  "stringFormats",
  "dateFormats",
];

/** The type nothing is known about: accepted everywhere, assignable to everything. */
export const UNKNOWN: ArchyType = "unknown";

const ALIASES: Readonly<Record<string, string>> = {
  language: "languageSkill",
  int: "integer",
  bool: "boolean",
  datetime: "dateTime",
};

export function normalizeType(type: ArchyType): ArchyType {
  return ALIASES[type] ?? type;
}

export function isCollection(type: ArchyType): boolean {
  return type.endsWith("Collection");
}

export function elementType(type: ArchyType): ArchyType {
  return isCollection(type) ? type.slice(0, -"Collection".length) : UNKNOWN;
}

export function collectionOf(type: ArchyType): ArchyType {
  return type === UNKNOWN ? UNKNOWN : `${type}Collection`;
}

/** Whether Archy knows this type (scalars and their collections). */
export function isKnownType(type: ArchyType): boolean {
  const t = normalizeType(type);
  return t === UNKNOWN || SCALAR_TYPES.includes(t) || (isCollection(t) && SCALAR_TYPES.includes(elementType(t)));
}

export function isNumeric(type: ArchyType): boolean {
  return type === "integer" || type === "decimal" || type === "currency";
}

/** How a value of `from` fits where `to` is expected. */
export type Fit = "yes" | "no" | "doubtful";

/**
 * Conversions Architect makes on the *result* of an expression where the field or variable takes
 * another type: "the parser adds the ToString value around the expression" (help:implicit-casting),
 * and conversions public exports rely on where no page explains them. Only on results: "implicit
 * cast happens only on the resulting type of expression text entered", so not inside a function's
 * arguments.
 */
export const IMPLICIT_CONVERSIONS: ReadonlyArray<{ from: ArchyType | "any"; to: ArchyType; src: readonly SourceId[] }> =
  [
    {
      from: "any",
      to: "string",
      src: [
        "help:implicit-casting",
        "export:rjv-blueprint/RJV Callback Direct Table_v6-0",
        "export:wfm-hris-blueprint/WFM-HR-GetEmployeeBalances_v2-0",
        "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
      ],
    },
    { from: "duration", to: "integer", src: ["export:rjv-blueprint/RJV Menhir In-Queue New_v11-0"] },
    {
      from: "boolean",
      to: "integer",
      src: [
        "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
        "export:aws-solutions/qnabot-on-aws/source~lambda~genesys~flowsv2~QnABot-CallFlow.yaml@8fcebbc",
      ],
    },
  ];

/**
 * Assignability. Same type, unknown on either side, integer into decimal, JSON (a dynamic value)
 * into any scalar, a string into a communication (real exports send strings as responses), a
 * prompt into audio. "doubtful" for conversions the documentation does not settle (a string
 * where audio is expected). A `result` (a whole expression's value) may also convert implicitly
 * (IMPLICIT_CONVERSIONS); an `argument` of a function may not.
 */
export function fits(from: ArchyType, to: ArchyType, where: "result" | "argument" = "argument"): Fit {
  const f = normalizeType(from);
  const t = normalizeType(to);
  if (f === t || f === UNKNOWN || t === UNKNOWN) return "yes";
  if (t === "decimal" && (f === "integer" || f === "currency")) return "yes";
  if (f === "json" && !isCollection(t)) return "yes";
  if (t === "json") return "yes";
  if (t === "communication" && f === "string") return "yes";
  if (t === "audio" && f === "prompt") return "yes";
  if (where === "result" && IMPLICIT_CONVERSIONS.some((c) => c.to === t && (c.from === "any" || c.from === f)))
    return "yes";
  if (t === "audio" && f === "string") return "doubtful";
  if (isCollection(f) && isCollection(t)) return fits(elementType(f), elementType(t)) === "yes" ? "yes" : "no";
  return "no";
}

/** "a string", "an integer", "a queue collection": for messages. */
export function describeType(type: ArchyType): string {
  const t = normalizeType(type);
  if (t === UNKNOWN) return "a value of unknown type";
  const words = t
    .replace(/Collection$/, " collection")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return /^[aeiou]/.test(words) ? `an ${words}` : `a ${words}`;
}
