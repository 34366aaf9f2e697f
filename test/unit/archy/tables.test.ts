// The Archy catalogue is data: check it is consistent with itself, so a typo in a table cannot
// silently disable a rule, and that every entry cites a public source (archy/catalogue/sources.ts).
import { ACTION_DEFAULT_EXTRA_KEY_SOURCES, ACTIONS, MENU_CHOICES } from "../../../archy/catalogue/actions";
import { ACTION_FIELD_SOURCES, UNCITED_ACTION_FIELDS } from "../../../archy/catalogue/fieldSources";
import { KEY_SOURCES } from "../../../archy/catalogue/keySources";
import { ALL_FLOW_KEYS, BUILTIN_SCOPES, MEMBERS } from "../../../archy/catalogue/builtins";
import { builtinVariablesOf, FLOW_TYPES, TOP_LEVEL_KEYS } from "../../../archy/catalogue/flowTypes";
import { FUNCTIONS } from "../../../archy/expressions";
import { ACTIONS_SEEN, MENU_CHOICES_SEEN } from "../../../archy/catalogue/seen";
import { SOURCES } from "../../../archy/catalogue/sources";
import { IMPLICIT_CONVERSIONS, isKnownType } from "../../../archy/catalogue/types";
import { RULE_VERDICTS } from "../../../archy/verdicts";

const TAGS = new Set(["all", ...Object.values(FLOW_TYPES).flatMap((f) => f.tags)]);

describe("archy tables", () => {
  it("every flow type's keys are described and its tags, scopes and start kinds are known", () => {
    for (const ft of Object.values(FLOW_TYPES)) {
      for (const key of ft.keys)
        expect({ flow: ft.archyKey, key, described: Object.hasOwn(TOP_LEVEL_KEYS, key) }).toEqual({
          flow: ft.archyKey,
          key,
          described: true,
        });
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
      for (const t of [...info.in, ...(info.notIn ?? [])])
        expect({ key, tag: t, known: TAGS.has(t) }).toEqual({ key, tag: t, known: true });
      expect({ key, overlap: info.in.filter((t) => (info.notIn ?? []).includes(t)) }).toEqual({ key, overlap: [] });
      if (Array.isArray(info.outputs)) {
        const spec = info.fields.outputs;
        expect({ key, spec: spec?.k === "paths" ? spec.paths : undefined }).toEqual({ key, spec: info.outputs });
      }
      for (const r of info.required ?? [])
        expect({ key, required: r, described: Object.hasOwn(info.fields, r) }).toEqual({
          key,
          required: r,
          described: true,
        });
    }
    for (const [key, info] of Object.entries(MENU_CHOICES)) {
      expect(key.startsWith("menu")).toBe(true);
      for (const r of info.required ?? []) expect(Object.hasOwn(info.fields, r)).toBe(true);
    }
  });

  it("built-in variables, members and function signatures use known types", () => {
    for (const ft of Object.keys(FLOW_TYPES))
      for (const [name, type] of Object.entries(builtinVariablesOf(ft)))
        expect({ name, type, known: isKnownType(type) }).toEqual({ name, type, known: true });
    for (const info of Object.values(BUILTIN_SCOPES))
      for (const f of info.flows) expect(Object.hasOwn(FLOW_TYPES, f)).toBe(true);
    for (const [type, members] of Object.entries(MEMBERS)) {
      expect(isKnownType(type)).toBe(true);
      if (typeof members === "object")
        for (const t of Object.values(members))
          expect({ type, member: t, known: isKnownType(t) }).toEqual({ type, member: t, known: true });
    }
    const generic = new Set(["any", "T", "TCollection", "anyCollection"]);
    for (const fn of FUNCTIONS.values()) {
      expect(fn.overloads.length).toBeGreaterThan(0);
      for (const o of fn.overloads) {
        for (const p of o.params)
          expect({ fn: fn.name, type: p.type, known: generic.has(p.type) || isKnownType(p.type) }).toEqual({
            fn: fn.name,
            type: p.type,
            known: true,
          });
        expect({ fn: fn.name, returns: o.returns, known: generic.has(o.returns) || isKnownType(o.returns) }).toEqual({
          fn: fn.name,
          returns: o.returns,
          known: true,
        });
      }
    }
  });

  it("built-ins differ by flow type as documented", () => {
    expect(builtinVariablesOf("inboundCall")).toEqual(
      expect.objectContaining({
        "Call.Ani": "string",
        "Call.ConversationId": "string",
        "Flow.StartDateTimeUtc": "dateTime",
      }),
    );
    expect(builtinVariablesOf("inboundCall")["Call.EstimatedWaitTime"]).toBeUndefined();
    expect(builtinVariablesOf("inqueueCall")).toEqual(
      expect.objectContaining({
        "Call.EstimatedWaitTime": "duration",
        "Call.PositionInQueue": "integer",
        "Flow.HoldPrompt": "prompt",
      }),
    );
    expect(builtinVariablesOf("inboundEmail")).toEqual(expect.objectContaining({ "Email.Message": "emailMessage" }));
    expect(builtinVariablesOf("inboundEmail")["Call.Ani"]).toBeUndefined();
    expect(builtinVariablesOf("inboundShortMessage")).toEqual(
      expect.objectContaining({ "Message.Message": "message", "Message.ConversationId": "string" }),
    );
  });
});

describe("every catalogue entry cites a public source", () => {
  const ids = new Set(Object.keys(SOURCES));
  const cited = (what: string, src: readonly string[] | undefined) => {
    expect({ what, cited: (src ?? []).length > 0 }).toEqual({ what, cited: true });
    for (const id of src ?? []) expect({ what, id, known: ids.has(id) }).toEqual({ what, id, known: true });
  };

  it("sources are documentation pages or files of public repositories at a fixed commit", () => {
    for (const [id, url] of Object.entries(SOURCES)) {
      if (id.startsWith("export:"))
        expect({ id, url, ok: /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//.test(url) }).toEqual({
          id,
          url,
          ok: true,
        });
      else
        expect({
          id,
          url,
          ok: /^https:\/\/(help\.mypurecloud\.com|developer\.genesys\.cloud|github\.com\/MyPureCloud)\//.test(url),
        }).toEqual({ id, url, ok: true });
    }
  });

  it("flow types, functions, built-in scopes and implicit conversions", () => {
    for (const ft of Object.values(FLOW_TYPES)) cited(`flow type ${ft.archyKey}`, ft.src);
    for (const fn of FUNCTIONS.values()) cited(`function ${fn.name}`, fn.src);
    for (const [scope, info] of Object.entries(BUILTIN_SCOPES)) cited(`scope ${scope}`, info.src);
    for (const c of IMPLICIT_CONVERSIONS) cited(`conversion ${c.from} to ${c.to}`, c.src);
  });

  it("actions and menu choices: documented, or seen in an export", () => {
    for (const [key, info] of Object.entries(ACTIONS))
      cited(`action ${key}`, [...(info.src ?? []), ...(ACTIONS_SEEN[key]?.src ?? [])]);
    // Menu choices are the SDK's menu choice classes (see MENU_CHOICES); the exports that use them are in seen.ts.
    for (const key of Object.keys(MENU_CHOICES_SEEN))
      expect({ key, inCatalogue: Object.hasOwn(MENU_CHOICES, key) }).toEqual({ key, inCatalogue: true });
    for (const key of Object.keys(ACTIONS_SEEN))
      expect({ key, inCatalogue: Object.hasOwn(ACTIONS, key) }).toEqual({ key, inCatalogue: true });
  });

  it("action fields: each seen in an export, or listed as uncited with why", () => {
    const uncited = new Set(UNCITED_ACTION_FIELDS.flatMap((g) => g.fields));
    for (const g of UNCITED_ACTION_FIELDS) expect(g.why.length).toBeGreaterThan(40);
    const fields = Object.entries(ACTIONS).flatMap(([action, info]) =>
      Object.keys(info.fields).map((f) => `${action}.${f}`),
    );
    for (const field of fields) {
      if (uncited.has(field))
        expect({ field, alsoCited: Object.hasOwn(ACTION_FIELD_SOURCES, field) }).toEqual({ field, alsoCited: false });
      else cited(`field ${field}`, ACTION_FIELD_SOURCES[field]);
    }
    // No entry for a field the catalogue does not describe.
    expect([...Object.keys(ACTION_FIELD_SOURCES), ...uncited].filter((f) => !fields.includes(f))).toEqual([]);
    expect(uncited.size).toBeLessThan(fields.length / 5);
  });

  it("top-level keys, the keys of their settings, and the extra keys of settingsActionDefaults", () => {
    for (const [key, spec] of Object.entries(TOP_LEVEL_KEYS)) {
      cited(`key ${key}`, KEY_SOURCES[key]);
      if (key.startsWith("settings") && spec.k === "object")
        for (const field of Object.keys(spec.fields)) cited(`key ${key}.${field}`, KEY_SOURCES[`${key}.${field}`]);
    }
    for (const [key, src] of Object.entries(ACTION_DEFAULT_EXTRA_KEY_SOURCES))
      cited(`settingsActionDefaults.${key}`, src);
    // No entry cites a key the catalogue does not describe.
    for (const key of Object.keys(KEY_SOURCES)) {
      const [top, field] = key.split(".");
      const spec = TOP_LEVEL_KEYS[top];
      expect({
        key,
        described:
          spec !== undefined && (field === undefined || (spec.k === "object" && Object.hasOwn(spec.fields, field))),
      }).toEqual({ key, described: true });
    }
  });

  it("no function's overload list is documented in full: Architect's Expression Help is not public", () => {
    expect([...FUNCTIONS.values()].filter((f) => f.complete).map((f) => f.name)).toEqual([]);
  });

  it("every validator rule says which verdict it gives and why", () => {
    for (const r of RULE_VERDICTS) {
      expect(["invalid", "unknown", "note", "by-catalogue"]).toContain(r.verdict);
      expect(r.why.length).toBeGreaterThan(20);
    }
  });
});
