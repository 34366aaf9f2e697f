// Architect expressions: parse, list variable references, type-check, evaluate. See parser.ts, check.ts and evaluate.ts.
export type { ArchyType } from "../catalogue/types";
export {
  parseExpression,
  literalCalls,
  variableReferences,
  type Expr,
  type ExpressionProblem,
  type VariableRef,
} from "./parser";
export { checkExpression, type CheckResult, type TypeEnv } from "./check";
export { FUNCTIONS, findFunction, type FunctionSignature } from "../catalogue/functions";
export { evaluate, CannotEvaluate, EvaluationFault, type EvaluationEnv } from "./evaluate";
export type { RunValue } from "./values";
