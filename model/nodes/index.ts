// The node vocabulary: every node type, registered once. A node type is one file of this folder
// (see unit.ts): its schema and descriptor (with an example), its Archy emitter, its importer and
// the Archy actions it compiles to. Everything else is derived from the list below: the flow
// model's node union, the descriptors checks and diagrams ask, the compiler's emitters, the
// import's action importers, and which flow kinds offer each type (model/kinds). Adding a node
// type: its file here and one line below; then `npm run docs:tables` (docs/flow-format.md) and
// `npm run schema:generate` (editor schema). Tests build their fixtures from the examples.
import { z } from "zod";
import { archy } from "./archy";
import { askForSlot } from "./askForSlot";
import { askSurveyQuestion } from "./askSurveyQuestion";
import { collectDigits } from "./collectDigits";
import { dataAction } from "./dataAction";
import { dataTableLookup } from "./dataTableLookup";
import { decision } from "./decision";
import { disconnect } from "./disconnect";
import type { NodeEmitter } from "./emitContext";
import { getParticipantData } from "./getParticipantData";
import { loop } from "./loop";
import { menu } from "./menu";
import { playMessage } from "./playMessage";
import { returnNode } from "./return";
import { schedule } from "./schedule";
import { scheduleGroup } from "./scheduleGroup";
import { sendAutoReply } from "./sendAutoReply";
import { sendResponse } from "./sendResponse";
import { setParticipantData } from "./setParticipantData";
import { setScreenPop } from "./setScreenPop";
import { setVariable } from "./setVariable";
import { setVariables } from "./setVariables";
import { setWrapupCode } from "./setWrapupCode";
import { findQueue } from "./findQueue";
import { flushAudio } from "./flushAudio";
import { holdMusic } from "./holdMusic";
import { endWorkflow } from "./endWorkflow";
import { callModule } from "./callModule";
import { communicate } from "./communicate";
import { setLanguage } from "./setLanguage";
import { exitBotFlow } from "./exitBotFlow";
import { subflow } from "./subflow";
import { switchNode } from "./switch";
import { transferToFlow } from "./transferToFlow";
import { transferToNumber } from "./transferToNumber";
import { transferToQueue } from "./transferToQueue";
import { wait } from "./wait";
import type { ActionImporter } from "./importContext";
import type { NodeTypeUnit, TransitionSpec } from "./unit";

/** Every node type, in the order docs/flow-format.md lists them. */
const UNITS = [
  playMessage,
  flushAudio,
  holdMusic,
  collectDigits,
  menu,
  decision,
  switchNode,
  schedule,
  scheduleGroup,
  setVariable,
  setVariables,
  dataAction,
  dataTableLookup,
  findQueue,
  getParticipantData,
  setParticipantData,
  setScreenPop,
  setWrapupCode,
  setLanguage,
  wait,
  subflow,
  callModule,
  sendAutoReply,
  sendResponse,
  communicate,
  askForSlot,
  askSurveyQuestion,
  transferToQueue,
  transferToNumber,
  transferToFlow,
  disconnect,
  endWorkflow,
  exitBotFlow,
  returnNode,
  loop,
  archy,
] as const;

type SchemasOf<T extends readonly unknown[]> = {
  -readonly [K in keyof T]: T[K] extends { schema: infer S } ? S : never;
};
type Schemas = SchemasOf<typeof UNITS>;

/** A node of a flow file: the union of every node type's schema, told apart by `type`. */
export const flowNode = z.discriminatedUnion("type", UNITS.map((u) => u.schema) as unknown as Schemas);
export type FlowNode = z.infer<typeof flowNode>;
export type NodeType = FlowNode["type"];
export type NodeOf<T extends NodeType> = Extract<FlowNode, { type: T }>;

type Registry = { readonly [T in NodeType]: NodeTypeUnit<NodeOf<T>> };

/** Each node type's unit by type name. */
export const NODE_DESCRIPTORS: Registry = Object.fromEntries(UNITS.map((u) => [u.type, u])) as unknown as Registry;

/** Every node type, in the order docs/flow-format.md lists them. */
export const NODE_TYPES: readonly NodeType[] = UNITS.map((u) => u.type as NodeType);

export function descriptorOf<N extends FlowNode>(node: N): NodeTypeUnit<N> {
  return NODE_DESCRIPTORS[node.type] as unknown as NodeTypeUnit<N>;
}

/** The emitter of a node's type. */
export function emitterOf<N extends FlowNode>(node: N): NodeEmitter<N> {
  return descriptorOf(node).emit;
}

/**
 * Archy action key -> the node types whose importers read it, with the importers, in UNITS order
 * (the import takes the first that maps the action: one `updateData` statement is a setVariable,
 * several a setVariables). Actions with none become `archy` nodes.
 */
export const ACTION_IMPORTERS: ReadonlyMap<
  string,
  ReadonlyArray<{ type: NodeType; importer: ActionImporter }>
> = (() => {
  const out = new Map<string, Array<{ type: NodeType; importer: ActionImporter }>>();
  for (const u of UNITS)
    if (u.importer)
      out.set(u.importer.action, [
        ...(out.get(u.importer.action) ?? []),
        { type: u.type as NodeType, importer: u.importer },
      ]);
  return out;
})();

/** The node's transitions with their targets (undefined when absent), in descriptor order. */
export function transitionsOf(node: FlowNode): Array<{ spec: TransitionSpec; target: string | undefined }> {
  const given = node.transitions as Record<string, string | undefined>;
  return descriptorOf(node)
    .transitions(node)
    .map((spec) => ({ spec, target: Object.hasOwn(given, spec.name) ? given[spec.name] : undefined }));
}

/** Ids of the nodes a node can go to (present transitions only), in descriptor order. */
export function targetsOf(node: FlowNode): string[] {
  return transitionsOf(node)
    .map((t) => t.target)
    .filter((t): t is string => t !== undefined);
}

export type { NodeTypeUnit, TransitionSpec, ExpressionUse } from "./unit";
export { needed } from "./unit";
export type { EmitContext, NodeEmitter, ModuleCall, ModuleReturn } from "./emitContext";
export type { ImportContext, TypedMapping, ActionImporter } from "./importContext";
