// An Archy call menu -> the model's menu node: its audio (text to speak or an expression), its
// settings (repeat count, selection timeout, extension dialing), and each choice by key and spoken
// terms (global to the flow or not), with what the choice does (a task's actions, a jump to a task
// or a menu, a sub-menu, a disconnect, a transfer to a queue, back to the previous menu). The graph
// builder (import/graph.ts) turns what each choice does into nodes, keeps each choice's kind (its
// `archyChoice`, `disconnect`) and the default choice (defaultChildMenuRef), or that there is none,
// as the node's `defaultChoice`. A menu whose settings or choices the node cannot express stays raw
// (archySettings.menus), with everything it moves to. Pure.
import { idFor, parseRef } from "./refs";
import { isMap, single, type Json } from "../archy/json";
import { audioExpressionOf, ttsOf } from "../archy/values";

/** What a choice does, for the graph builder. */
export type ChoiceAction =
  | { kind: "actions"; actions: Json[]; path: Array<string | number> }
  | { kind: "jumpToTask"; ref: Json }
  | { kind: "jumpToMenu"; ref: Json }
  | { kind: "subMenu"; menu: Record<string, Json>; path: Array<string | number> }
  | { kind: "disconnect" }
  | { kind: "previousMenu" }
  | { kind: "transferToAcd"; body: Record<string, Json> };

export interface MenuPlan {
  node: {
    type: "menu";
    prompt?: string;
    audio?: string;
    minConfidenceLevel?: number;
    repeatCount?: number;
    selectionTimeoutSeconds?: number;
    listenForExtensionDialing?: boolean;
    extensionDialingMaxDelaySeconds?: number;
  };
  label: string;
  choices: Array<{
    key: string;
    label: string;
    dtmf?: string;
    speech?: string[];
    globalDtmf?: true;
    globalSpeech?: true;
    refId?: string;
    does: ChoiceAction;
  }>;
  /** The refId of the default choice (defaultChildMenuRef), when there is one. */
  defaultChoice?: string;
}

const MENU_KEYS = new Set([
  "name",
  "refId",
  "audio",
  "settingsMenu",
  "settingsSpeechRec",
  "choices",
  "defaultChildMenuRef",
]);
const CHOICE_COMMON = new Set(["name", "refId", "dtmf", "globalDtmf", "globalSpeechRecTerms", "speechRecTerms"]);
const SPEECH_REC_UNSET = [
  "completeMatchTimeout",
  "incompleteMatchTimeout",
  "maxSpeechLengthTimeout",
  "minConfidenceLevel",
];

const isNoValue = (v: Json): boolean => isMap(v) && v.noValue === true && Object.keys(v).length === 1;
const litOf = (v: Json): Json | undefined =>
  isMap(v) && Object.keys(v).length === 1 && Object.hasOwn(v, "lit") ? v.lit : undefined;

/** A duration literal of seconds or milliseconds (`{seconds: 10}`, `{ms: 500}`) in whole milliseconds, as seconds. */
function secondsOf(lit: Json | undefined): number | undefined {
  if (!isMap(lit) || Object.keys(lit).length !== 1) return undefined;
  const [unit, n] = Object.entries(lit)[0];
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) return undefined;
  return unit === "seconds" ? n : unit === "ms" ? n / 1000 : undefined;
}

/** The menu's plan, or why it stays raw. `language`: the flow's, for spoken choice terms. */
export function planMenu(
  menu: Record<string, Json>,
  path: Array<string | number>,
  language: string,
): MenuPlan | { raw: string } {
  const extra = Object.keys(menu).filter((k) => !MENU_KEYS.has(k));
  if (extra.length > 0) return { raw: `a menu node has no field for ${extra.join(", ")}` };
  const label =
    typeof menu.name === "string" && menu.name !== ""
      ? menu.name
      : typeof menu.refId === "string"
        ? menu.refId
        : "Menu";
  const node: MenuPlan["node"] = { type: "menu" };
  const tts = ttsOf(menu.audio);
  const exp = audioExpressionOf(menu.audio);
  if (tts !== undefined) node.prompt = tts;
  else if (exp !== undefined) node.audio = exp;
  else if (menu.audio !== undefined) return { raw: "its audio is neither a text to speak nor an expression" };

  const settings = menu.settingsMenu;
  if (settings !== undefined) {
    if (!isMap(settings)) return { raw: "its settingsMenu is not a mapping" };
    for (const [k, v] of Object.entries(settings)) {
      if (isNoValue(v)) continue;
      if (k === "repeatCount") {
        const n = litOf(v);
        if (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 10) node.repeatCount = n;
        else return { raw: "its repeat count is not a literal from 0 to 10" };
      } else if (k === "menuSelectionTimeout") {
        const t = secondsOf(litOf(v));
        if (t !== undefined && t <= 60) node.selectionTimeoutSeconds = t;
        else return { raw: "its selection timeout is not a literal duration of at most 60 seconds" };
      } else if (k === "extensionDialingMaxDelay") {
        const t = secondsOf(litOf(v));
        if (t !== undefined && t <= 60) node.extensionDialingMaxDelaySeconds = t;
        else return { raw: "its extension dialing delay is not a literal duration of at most 60 seconds" };
      } else if (k === "listenForExtensionDialing") {
        const b = litOf(v);
        if (typeof b === "boolean") node.listenForExtensionDialing = b;
        else return { raw: "whether it listens for extension dialing is not a literal true or false" };
      } else return { raw: `a menu node has no field for settingsMenu.${k}` };
    }
  }
  const speechRec = menu.settingsSpeechRec;
  if (speechRec !== undefined) {
    if (!isMap(speechRec)) return { raw: "its settingsSpeechRec is not a mapping" };
    for (const [k, v] of Object.entries(speechRec)) {
      const level = litOf(v);
      if (
        k === "minConfidenceLevel" &&
        typeof level === "number" &&
        Number.isInteger(level) &&
        level >= 0 &&
        level <= 100
      )
        node.minConfidenceLevel = level;
      else if (!SPEECH_REC_UNSET.includes(k) || !isNoValue(v))
        return { raw: `a menu node has no field for its own speech recognition setting ${k}` };
    }
  }

  if (!Array.isArray(menu.choices) || menu.choices.length === 0) return { raw: "it has no choices" };
  const choices: MenuPlan["choices"] = [];
  const keys = new Set<string>(["noInput"]);
  for (const [i, item] of menu.choices.entries()) {
    const entry = single(item);
    if (!entry || !isMap(entry[1])) return { raw: "a choice is not a one-key mapping" };
    const [kind, body] = entry as [string, Record<string, Json>];
    const choicePath = [...path, "choices", i, kind];
    const dtmfMatch = typeof body.dtmf === "string" ? /^digit_([0-9*#])$/.exec(body.dtmf) : undefined;
    if (body.dtmf !== undefined && !dtmfMatch) return { raw: `choice key ${JSON.stringify(body.dtmf)} is not a digit` };
    let speech: string[] | undefined;
    if (body.speechRecTerms !== undefined) {
      const terms = isMap(body.speechRecTerms) ? body.speechRecTerms : undefined;
      const langs = terms ? Object.keys(terms) : [];
      const own =
        terms && langs.length === 1 && langs[0].toLowerCase() === language.toLowerCase() && isMap(terms[langs[0]])
          ? (terms[langs[0]] as Record<string, Json>).terms
          : undefined;
      if (!Array.isArray(own) || own.some((t) => typeof t !== "string" || t === ""))
        return { raw: "a choice's spoken terms are not plain terms of the flow's language" };
      if (own.length > 0) speech = own as string[];
    }
    if (dtmfMatch === undefined && speech === undefined) return { raw: "a choice has neither a key nor spoken terms" };
    const own = new Set(Object.keys(body).filter((k) => !CHOICE_COMMON.has(k)));
    let does: ChoiceAction;
    const only = (...allowed: string[]) => [...own].every((k) => allowed.includes(k));
    if (
      kind === "menuTask" &&
      only("task") &&
      isMap(body.task) &&
      Array.isArray(body.task.actions) &&
      Object.keys(body.task).every((k) => ["name", "refId", "actions"].includes(k))
    ) {
      does = { kind: "actions", actions: body.task.actions, path: [...choicePath, "task", "actions"] };
    } else if (kind === "menuJumpToTask" && only("targetTaskRef") && parseRef(body.targetTaskRef)?.kind === "task") {
      does = { kind: "jumpToTask", ref: body.targetTaskRef };
    } else if (kind === "menuJumpToMenu" && only("targetMenuRef") && parseRef(body.targetMenuRef)?.kind === "menu") {
      does = { kind: "jumpToMenu", ref: body.targetMenuRef };
    } else if (kind === "menuSubMenu" && only("menu") && isMap(body.menu)) {
      does = { kind: "subMenu", menu: body.menu, path: [...choicePath, "menu"] };
    } else if (kind === "menuPreviousMenu" && only()) {
      does = { kind: "previousMenu" };
    } else if (kind === "menuDisconnect" && only()) {
      does = { kind: "disconnect" };
    } else if (kind === "menuTransferToAcd") {
      const {
        name: _n,
        refId: _r,
        dtmf: _d,
        globalDtmf: _g,
        globalSpeechRecTerms: _s,
        speechRecTerms: _t,
        ...transfer
      } = body;
      does = {
        kind: "transferToAcd",
        body: { ...(typeof body.name === "string" ? { name: body.name } : {}), ...transfer },
      };
    } else {
      return { raw: `a menu node cannot express choice ${kind}${own.size > 0 ? ` with ${[...own].join(", ")}` : ""}` };
    }
    const choiceLabel = typeof body.name === "string" && body.name !== "" ? body.name : `Choice ${i + 1}`;
    let key = idFor(choiceLabel).slice(0, 60);
    for (let n = 2; keys.has(key); n++) key = `${idFor(choiceLabel).slice(0, 56)}_${n}`;
    keys.add(key);
    // A global flag with no key or no terms to offer has no effect: nothing to keep.
    const global = {
      ...(body.globalDtmf === true && dtmfMatch ? { globalDtmf: true as const } : {}),
      ...(body.globalSpeechRecTerms === true && speech ? { globalSpeech: true as const } : {}),
    };
    choices.push({
      key,
      label: choiceLabel,
      ...(dtmfMatch ? { dtmf: dtmfMatch[1] } : {}),
      ...(speech ? { speech } : {}),
      ...global,
      ...(typeof body.refId === "string" ? { refId: body.refId } : {}),
      does,
    });
  }
  const dtmfs = choices.flatMap((c) => (c.dtmf !== undefined ? [c.dtmf] : []));
  if (new Set(dtmfs).size !== dtmfs.length) return { raw: "two choices share a key" };
  let defaultChoice: string | undefined;
  if (menu.defaultChildMenuRef !== undefined) {
    const m =
      typeof menu.defaultChildMenuRef === "string"
        ? /^\.\/choices\/[A-Za-z]+\[(.+)\]$/.exec(menu.defaultChildMenuRef)
        : undefined;
    if (!m || !choices.some((c) => c.refId === m[1] && c.does.kind !== "previousMenu"))
      return { raw: "its default choice is not one of its choices, or goes back to the previous menu" };
    defaultChoice = m[1];
  }
  return { node, label, choices, ...(defaultChoice !== undefined ? { defaultChoice } : {}) };
}
