// The type environment expressions are checked in: a flow's declared and written variables and
// the built-ins of its flow type (a common module's: those of the flow types that may call it).
import { BUILTIN_SCOPES } from "../catalogue/builtins";
import type { TypeEnv } from "../expressions/check";
import { aFlow, builtinVariable, DECLARED_SCOPES, flowTypeInfo, type FlowTypeInfo } from "../catalogue/flowTypes";
import { didYouMean, nearestText } from "../suggest";
import { normalizeType, UNKNOWN, type ArchyType } from "../catalogue/types";
import type { ActionListContext } from "./types";

import { type Declared, collectDeclarations } from "./declarations";
import { isMap } from "../json";

/** The TypeEnv of a whole document (its flow type, declared and written variables, built-ins), or undefined when it is not a flow. */
export function documentTypeEnv(doc: unknown): TypeEnv | undefined {
  if (!isMap(doc) || Object.keys(doc).length !== 1) return undefined;
  const key = Object.keys(doc)[0];
  const ft = flowTypeInfo(key);
  const body = doc[key];
  return ft && isMap(body) ? flowEnv(ft, collectDeclarations(body)) : undefined;
}

/**
 * The TypeEnv of a flow type with these declared variables (and its built-ins: Call.Ani in call
 * flows, ...): for checking expressions written outside an Archy document (the flow model).
 */
export function typeEnvFor(ctx: ActionListContext): TypeEnv | undefined {
  const ft = flowTypeInfo(ctx.flowType);
  if (!ft) return undefined;
  const declared: Declared = { vars: new Map() };
  for (const [name, type] of Object.entries(ctx.variables))
    declared.vars.set(name.toLowerCase(), { name, type: normalizeType(type) });
  return flowEnv(ft, declared);
}

/**
 * A built-in as a flow of this type reads it. A common module reads the built-ins of the flow types
 * that may call it ("common modules ... interact with calls"; the system offers what the compatible
 * types share, help:common-modules): one every caller has is its own; one only some have is unknown;
 * one none has does not exist.
 */
function builtinIn(
  ft: FlowTypeInfo,
  callers: readonly FlowTypeInfo[],
  name: string,
): ReturnType<typeof builtinVariable> {
  if (ft.archyKey !== "commonModule" || callers.length === 0 || callers.every((c) => c === ft))
    return builtinVariable(ft.archyKey, name);
  const each = callers.map((c) => builtinVariable(c.archyKey, name));
  if (each.every((b) => b === undefined)) return undefined;
  const known = each.flatMap((b) => (b !== undefined && "type" in b && !("unknownMember" in b) ? [b] : []));
  if (known.length === each.length) return known[0];
  const partial = known.length > 0 || each.some((b) => b !== undefined && "unknownMember" in b);
  const types = (pick: (b: ReturnType<typeof builtinVariable>) => boolean) =>
    callers
      .filter((_, i) => pick(each[i]))
      .map((c) => c.archyKey)
      .join(", ");
  if (partial) {
    return {
      unknownMember: `"${name}" is a built-in the catalogue knows in ${types((b) => b !== undefined && "type" in b && !("unknownMember" in b)) || "none"} of the flow types that may call this module, not in ${types((b) => b === undefined || !("type" in b) || "unknownMember" in b)}`,
      type: known[0]?.type ?? UNKNOWN,
    };
  }
  const first = each.find((b) => b !== undefined && "unavailable" in b);
  const where = `in the flow types that may call this module (${callers.map((c) => c.archyKey).join(", ")})`;
  return first !== undefined && "unavailable" in first
    ? { unavailable: first.unavailable.replace(/in an? \w+ flow\b/, where) }
    : undefined;
}

/** The TypeEnv of a flow: its declared and written variables, then its built-ins (a module's: its callers'). */
export function flowEnv(ft: FlowTypeInfo, declared: Declared, callers: readonly FlowTypeInfo[] = [ft]): TypeEnv {
  return {
    variableType(name: string): ArchyType | undefined {
      const own = declared.vars.get(name.toLowerCase());
      if (own) return own.type;
      const parts = name.split(".");
      if (parts.length !== 2) return undefined;
      const scope = DECLARED_SCOPES.find((s) => s.toLowerCase() === parts[0].toLowerCase());
      if (scope === "Slot" && ft.variableScopes.includes("Slot")) return UNKNOWN;
      const builtin = builtinIn(ft, callers, name);
      if (builtin && "type" in builtin && !("unknownMember" in builtin)) return builtin.type;
      return undefined;
    },
    explainUnknown(name: string) {
      const parts = name.split(".");
      const first = parts[0];
      const head = parts.slice(0, 2).join(".");
      const scope = DECLARED_SCOPES.find((s) => s.toLowerCase() === first.toLowerCase());
      if (scope && !ft.variableScopes.includes(scope))
        return { message: scopeNotAvailable(scope, ft), verdict: "invalid" as const };
      const builtin = builtinIn(ft, callers, head);
      if (builtin && "unavailable" in builtin) return { message: builtin.unavailable, verdict: "invalid" as const };
      if (builtin && "unknownMember" in builtin)
        return {
          message: builtin.unknownMember,
          verdict: "unknown" as const,
          subject: `built-in ${head}`,
          type: builtin.type,
        };
      if (scope) {
        const candidates = [...declared.vars.values()].map((d) => d.name);
        return {
          message: `unknown variable "${head}": it is not declared in this flow and no action writes it${didYouMean(head, candidates)}; declare it in variables`,
          verdict: "invalid" as const,
        };
      }
      const scopes = [
        ...ft.variableScopes,
        ...Object.keys(BUILTIN_SCOPES).filter((s) => BUILTIN_SCOPES[s].flows.includes(ft.archyKey)),
      ];
      // A scope the catalogue lacks may be one Genesys has (real exports read Prompt.* and Format.*).
      return {
        message: `"${first}" is not a variable scope the catalogue knows in ${aFlow(ft.archyKey)}${nearestText(first, scopes)}; "${name}" is not checked`,
        verdict: "unknown" as const,
        subject: `variable scope ${first}`,
        type: UNKNOWN,
      };
    },
    names(): readonly string[] {
      return [...declared.vars.values()].map((d) => d.name);
    },
    declares(name: string): boolean {
      const own = declared.vars.get(name.toLowerCase());
      return own !== undefined && own.written !== true && own.type !== UNKNOWN;
    },
  };
}

export function scopeNotAvailable(scopeName: string, ft: FlowTypeInfo): string {
  switch (scopeName) {
    case "State":
      return `State variables do not exist in ${aFlow(ft.archyKey)}: it has no states (use Flow or Task variables)`;
    case "Common":
      return `Common variables exist only in common modules; ${aFlow(ft.archyKey)} uses ${ft.variableScopes.join(", ")} variables`;
    case "Slot":
      return `Slot variables exist only in bot and voice survey flows`;
    default:
      return `${scopeName} variables do not exist in ${aFlow(ft.archyKey)} (it uses ${ft.variableScopes.join(", ")})`;
  }
}
