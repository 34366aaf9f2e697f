// The Archy tables are data: check they are consistent with each other, so a typo in a table
// cannot silently disable a rule.
import { ACTIONS, MENU_CHOICES } from "../../../archy/actions";
import { ALL_FLOW_KEYS, BUILTIN_SCOPES, MEMBERS } from "../../../archy/builtins";
import { builtinVariablesOf, FLOW_TYPES, TOP_LEVEL_KEYS } from "../../../archy/flowTypes";
import { FUNCTIONS } from "../../../archy/expressions";
import { isKnownType } from "../../../archy/types";

const TAGS = new Set(["all", ...Object.values(FLOW_TYPES).flatMap((f) => f.tags)]);

describe("archy tables", () => {
  it("every flow type's keys are described and its tags, scopes and start kinds are known", () => {
    for (const ft of Object.values(FLOW_TYPES)) {
      for (const key of ft.keys) expect({ flow: ft.archyKey, key, described: Object.hasOwn(TOP_LEVEL_KEYS, key) }).toEqual({ flow: ft.archyKey, key, described: true });
      expect(ft.lowerType).toBe(ft.apiType.toLowerCase());
      for (const s of ft.variableScopes) expect(["Flow", "Task", "State", "Common", "Slot"]).toContain(s);
      for (const k of ft.startUpKinds) expect(["task", "menu", "state", "bot"]).toContain(k);
      if (ft.startUpRef !== "none") expect(ft.keys).toContain("startUpRef");
      expect(ft.keys).toContain("name");
    }
    expect(Object.keys(FLOW_TYPES).sort()).toEqual([...ALL_FLOW_KEYS].sort());
  });

  it("every action names only known flow tags, and its output paths are its outputs field", () => {
    for (const [key, info] of Object.entries(ACTIONS)) {
      for (const t of [...info.in, ...(info.notIn ?? [])]) expect({ key, tag: t, known: TAGS.has(t) }).toEqual({ key, tag: t, known: true });
      expect({ key, overlap: info.in.filter((t) => (info.notIn ?? []).includes(t)) }).toEqual({ key, overlap: [] });
      if (Array.isArray(info.outputs)) {
        const spec = info.fields.outputs;
        expect({ key, spec: spec?.k === "paths" ? spec.paths : undefined }).toEqual({ key, spec: info.outputs });
      }
      for (const r of info.required ?? []) expect({ key, required: r, described: Object.hasOwn(info.fields, r) }).toEqual({ key, required: r, described: true });
    }
    for (const [key, info] of Object.entries(MENU_CHOICES)) {
      expect(key.startsWith("menu")).toBe(true);
      for (const r of info.required ?? []) expect(Object.hasOwn(info.fields, r)).toBe(true);
    }
  });

  it("built-in variables, members and function signatures use known types", () => {
    for (const ft of Object.keys(FLOW_TYPES)) for (const [name, type] of Object.entries(builtinVariablesOf(ft))) expect({ name, type, known: isKnownType(type) }).toEqual({ name, type, known: true });
    for (const info of Object.values(BUILTIN_SCOPES)) for (const f of info.flows) expect(Object.hasOwn(FLOW_TYPES, f)).toBe(true);
    for (const [type, members] of Object.entries(MEMBERS)) {
      expect(isKnownType(type)).toBe(true);
      if (typeof members === "object") for (const t of Object.values(members)) expect({ type, member: t, known: isKnownType(t) }).toEqual({ type, member: t, known: true });
    }
    const generic = new Set(["any", "T", "TCollection", "anyCollection"]);
    for (const sig of FUNCTIONS.values()) {
      for (const p of sig.params) expect({ fn: sig.name, type: p.type, known: generic.has(p.type) || isKnownType(p.type) }).toEqual({ fn: sig.name, type: p.type, known: true });
      expect(generic.has(sig.returns) || isKnownType(sig.returns)).toBe(true);
    }
  });

  it("built-ins differ by flow type as documented", () => {
    expect(builtinVariablesOf("inboundCall")).toEqual(expect.objectContaining({ "Call.Ani": "string", "Call.ConversationId": "string", "Flow.StartDateTimeUtc": "dateTime" }));
    expect(builtinVariablesOf("inboundCall")["Call.EstimatedWaitTime"]).toBeUndefined();
    expect(builtinVariablesOf("inqueueCall")).toEqual(expect.objectContaining({ "Call.EstimatedWaitTime": "duration", "Call.PositionInQueue": "integer", "Flow.HoldPrompt": "prompt" }));
    expect(builtinVariablesOf("inboundEmail")).toEqual(expect.objectContaining({ "Email.Message": "emailMessage" }));
    expect(builtinVariablesOf("inboundEmail")["Call.Ani"]).toBeUndefined();
    expect(builtinVariablesOf("inboundShortMessage")).toEqual(expect.objectContaining({ "Message.Message": "message", "Message.ConversationId": "string" }));
  });
});
