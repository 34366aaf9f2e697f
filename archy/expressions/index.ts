// Architect expressions: parse, list variable references, type-check. See parser.ts and check.ts.
export type { ArchyType } from "../catalogue/types";
export { parseExpression, literalCalls, variableReferences, type Expr, type ExpressionProblem, type VariableRef } from "./parser";
export { checkExpression, type CheckResult, type TypeEnv } from "./check";
export { FUNCTIONS, findFunction, type FunctionSignature } from "../catalogue/functions";
