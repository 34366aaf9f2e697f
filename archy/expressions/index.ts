// Architect expressions: parse, list variable references, type-check, evaluate. See parser.ts, check.ts and evaluate.ts.
export type { ArchyType } from "../catalogue/types";
export { parseExpression, variableReferences } from "./parser";
export { checkExpression, type TypeEnv } from "./check";
export { FUNCTIONS } from "../catalogue/functions";
