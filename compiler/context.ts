// What the compiler is given of the portfolio's modules: each by model name, with its published
// name and model (a caller references it by published name; a module calling a module compiles
// the callee in place). What a node's emitter is given is the node types' contract
// (model/nodes/emitContext.ts), which compiler/emit.ts implements.
import type { ModuleModel } from "../model/schema";

export interface ModuleRef {
  /** The module's published name (stack prefix applied): callCommonModule references it by name. */
  publishedName: string;
  model: ModuleModel;
}
