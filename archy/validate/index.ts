// The Archy validator: one validation of an Archy document the way Architect validates a flow
// before publishing it, over the catalogue (archy/catalogue/), used by the import, lint, the
// planner, the policy pack and the emulator. Each public function lives in a file of its own:
//   validateDocument.ts  validateArchyDocument, validateActionList (the entry points)
//   validator.ts         the walk itself (Validator) and its messages
//   types.ts             ArchyFinding, ValidateOptions, OrgReference, ModuleInfo, ActionListContext
//   path.ts              YAML paths (formatPath)
//   declarations.ts      declared and written variables (writtenVariables)
//   refIds.ts            refIds by kind and duplicates (collectRefIds, duplicateRefIdMessage)
//   typeEnv.ts           the type environment of expressions (documentTypeEnv, typeEnvFor)
//   moduleInterface.ts   a module's interface and the modules a document calls
export type { ActionListContext, ArchyFinding, ModuleInfo, OrgReference, ValidateOptions } from "./types";
export { RULES, ORG_RULES } from "../verdicts";
export { validateActionList, validateArchyDocument } from "./validateDocument";
export { formatPath } from "./path";
export { writtenVariables } from "./declarations";
export { collectRefIds, duplicateRefIdMessage } from "./refIds";
export { documentTypeEnv, typeEnvFor } from "./typeEnv";
export { calledModules, moduleInterfaceOf } from "./moduleInterface";
