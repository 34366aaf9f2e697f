// Menu: a call menu that plays a prompt and branches on the caller's key press or spoken choice.
// Compiled once into the flow's Archy `menus` and entered with `jumpToMenu` (or as the flow's start);
// an export's menus are read back by the import's graph builder (import/menus.ts), as a menu is a
// body element rather than one action.
import { z } from "zod";
import * as A from "../../archy/construct";
import { label, nodeId } from "../types";
import { actionName } from "./emitContext";
import { oneSpoken, spokenFields } from "./playMessage";
import { defineNodeType, type TransitionSpec } from "./unit";
import { audioParts, spokenText } from "../../archy/expressions/values";
import type { Directive, MenuChoiceOption, RunContext } from "./runContext";
import { integerOf, isUnset } from "./runFields";
import { isMap, single } from "../../archy/json";

/** The transition taken when the caller makes no valid choice after the menu's repeats. */
export const NO_INPUT = "noInput";

/** A choice's name: a transition name of the menu node. */
const choiceName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "a choice name: a letter, then letters, digits or _ (at most 64)")
  .refine((s) => s !== NO_INPUT, `"${NO_INPUT}" is the transition taken when no choice is made; name the choice otherwise`);

/** A DTMF key: 0-9 (a YAML number or string), * or #. */
const dtmfKey = z.union([z.enum(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"]), z.number().int().min(0).max(9)]);

/** Whole milliseconds, as Archy durations are written (`seconds: 10`, `ms: 500`). */
const wholeMs = (x: number) => Math.abs(x * 1000 - Math.round(x * 1000)) < 1e-6;

export const menuChoice = z
  .object({
    /** The choice's name in Architect (default: the choice's key). */
    label,
    /** The key the caller presses. */
    dtmf: dtmfKey.optional(),
    /** Words or phrases the caller may say instead (speech recognition, in the flow's language). */
    speech: z.array(z.string().min(1).max(200)).min(1).optional(),
    /**
     * The key is offered in every menu of the flow (Archy `globalDtmf`; sdk:architect-scripting-types
     * ArchBaseMenuChoice.dtmfIsGlobal: "whether or not the specified dtmf on this menu choice is global to the flow").
     */
    globalDtmf: z.literal(true).optional(),
    /** The speech terms are offered in every menu of the flow (Archy `globalSpeechRecTerms`; sdk: ArchBaseMenuChoice.speechRecTermsAreGlobal). */
    globalSpeech: z.literal(true).optional(),
    /**
     * The choice goes back to the menu the caller was in before this one (Archy `menuPreviousMenu`;
     * sdk: ArchMenuPreviousMenu, export:jpercs/terraform-github-actions flows/EUSA_OB_HighWater_Customer_PROD.yaml line 193); it has no transition.
     */
    previousMenu: z.literal(true).optional(),
  })
  .strict()
  .refine((c) => c.dtmf !== undefined || c.speech !== undefined, "a choice needs a dtmf key, speech terms, or both")
  .refine((c) => c.globalDtmf === undefined || c.dtmf !== undefined, { message: "globalDtmf offers the choice's key in every menu: give it a dtmf key", path: ["globalDtmf"] })
  .refine((c) => c.globalSpeech === undefined || c.speech !== undefined, { message: "globalSpeech offers the choice's speech terms in every menu: give it speech terms", path: ["globalSpeech"] });


/**
 * A call menu (Archy `menus`): plays a prompt and waits for the caller's choice, by key or by
 * voice. Each choice is a transition of the node; `noInput` is taken when the caller makes no
 * valid choice after the menu has played `repeatCount` times (Architect's default menu choice);
 * without it the call is disconnected then.
 */
export const menu = defineNodeType({
  schema: z
    .object({
      type: z.literal("menu"),
      label,
      /**
       * What the menu plays: a text (`prompt`) or an audio expression (`audio`); neither for a menu
       * that holds only global choices and plays nothing (export:DoctorHCode333/CI_CD2
       * blueprint/genesys-cloud-cx-as-code/export/exported_resources/architect_flows/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc.yaml line 3291).
       */
      ...spokenFields,
      /** Choice name -> how the caller selects it. The choice names are the node's transitions. */
      choices: z.record(choiceName, menuChoice).refine((c) => Object.keys(c).length > 0, "a menu needs at least one choice"),
      /** Times the menu repeats when no choice is made, before `noInput` (Archy `repeatCount`; 0 plays it once; the flow's default is 3). */
      repeatCount: z.number().int().min(0).max(10).optional(),
      /** Seconds to wait for a choice before playing the prompt again, to the millisecond (Archy `menuSelectionTimeout`; default 10). */
      selectionTimeoutSeconds: z.number().min(0).max(60).refine(wholeMs, "whole milliseconds (at most 3 decimals)").optional(),
      /**
       * Whether several digits are taken as an extension to dial rather than a menu choice (Archy
       * `listenForExtensionDialing`; help.mypurecloud.com/articles/configure-default-menu-settings/:
       * "Listen for extension dialing"; the flow's setting when unset).
       */
      listenForExtensionDialing: z.boolean().optional(),
      /** Seconds to wait for the next digit of an extension, to the millisecond (Archy `extensionDialingMaxDelay`; same page: "Extension dialing max delay"). */
      extensionDialingMaxDelaySeconds: z.number().min(0).max(60).refine(wholeMs, "whole milliseconds (at most 3 decimals)").optional(),
      /**
       * The menu's own minimum confidence level for spoken choices, 0 to 100 (Archy
       * `settingsSpeechRec.minConfidenceLevel`; help.mypurecloud.com/articles/configure-default-speech-recognition-settings/
       * "Minimum confidence level", which a menu may override: help.mypurecloud.com/articles/specify-speech-recognition-settings/).
       */
      minConfidenceLevel: z.number().int().min(0).max(100).optional(),
      transitions: z.record(z.string(), nodeId),
    })
    .strict()
    .superRefine((node, ctx) => {
      if (node.prompt !== undefined && node.audio !== undefined) oneSpoken(node, ctx);
      for (const name of Object.keys(node.transitions)) {
        if (node.choices[name]?.previousMenu === true) {
          ctx.addIssue({ code: "custom", path: ["transitions", name], message: `choice "${name}" goes back to the previous menu: it has no transition` });
        } else if (name !== NO_INPUT && !Object.hasOwn(node.choices, name)) {
          const names = [...Object.keys(node.choices), NO_INPUT].join(", ");
          ctx.addIssue({ code: "custom", path: ["transitions", name], message: `"${name}" is not a choice of this menu; its transitions are ${names}` });
        }
      }
      const seen = new Map<string, string>();
      for (const [name, choice] of Object.entries(node.choices)) {
        if (choice.dtmf === undefined) continue;
        const key = String(choice.dtmf);
        const other = seen.get(key);
        if (other !== undefined) ctx.addIssue({ code: "custom", path: ["choices", name, "dtmf"], message: `key ${key} is already the key of choice "${other}"` });
        else seen.set(key, name);
      }
    }),
  summary: "A call menu: plays a prompt and branches on the caller's key press or spoken choice; `noInput` after the repeats.",
  fields: "`prompt` (text) or `audio` (expression) or neither, `choices` (name → `dtmf` key and/or `speech` terms, `label`, `globalDtmf`/`globalSpeech` to offer it in every menu, `previousMenu`), `repeatCount`, `selectionTimeoutSeconds`, `listenForExtensionDialing`, `extensionDialingMaxDelaySeconds`, `minConfidenceLevel`",
  transitionsDoc: "one per choice (but `previousMenu` ones), `noInput` (optional)",
  transitions: (n): TransitionSpec[] => [
    ...Object.entries(n.choices ?? {})
      .filter(([, c]) => c.previousMenu !== true)
      .map(([name]) => ({ name, required: true, failure: false })),
    { name: NO_INPUT, required: false, failure: true },
  ],
  terminal: false,
  expressions: (n) => (n.audio !== undefined ? [{ field: "audio", text: n.audio, expect: "audio" }] : []),
  writes: () => [],
  describe: (n) => `menu: ${Object.entries(n.choices).map(([name, c]) => `${c.dtmf !== undefined ? `${c.dtmf} ` : ""}${name}${c.globalDtmf || c.globalSpeech ? " (global)" : ""}${c.previousMenu ? " (previous menu)" : ""}`).join(", ")}`,
  example: {
    type: "menu",
    label: "Main menu",
    prompt: "For sales press 1 or say sales. For support press 2.",
    choices: { sales: { label: "Sales", dtmf: 1, speech: ["sales"] }, support: { dtmf: "2" } },
    repeatCount: 2,
    selectionTimeoutSeconds: 5,
    transitions: { sales: "Next", support: "Next", noInput: "Next" },
  },
  compiledOnce: true,
  archyActions: ["jumpToMenu"],
  emit: (node, id, ctx) =>
    ctx.enterMenu(id, () => {
      const end = (actions: A.Action[]) => A.withTerminator(actions, ctx.kind.fallthrough);
      const language = ctx.language;
      if (language === undefined) return ctx.fail(id, `a ${ctx.kind.title} has no language for a menu's speech terms`);
      const noInput = node.transitions[NO_INPUT];
      return A.menu({
        name: actionName(node, id),
        refId: id,
        audio: node.prompt !== undefined || node.audio !== undefined ? A.spoken(node, ctx.expression) : undefined,
        minConfidenceLevel: node.minConfidenceLevel,
        repeatCount: node.repeatCount,
        selectionTimeoutSeconds: node.selectionTimeoutSeconds,
        listenForExtensionDialing: node.listenForExtensionDialing,
        extensionDialingMaxDelaySeconds: node.extensionDialingMaxDelaySeconds,
        choices: Object.entries(node.choices).map(([name, choice]) => ({
          name: choice.label ?? name,
          dtmf: choice.dtmf !== undefined ? `digit_${String(choice.dtmf)}` : undefined,
          speech: choice.speech !== undefined ? { [language]: choice.speech } : undefined,
          globalDtmf: choice.globalDtmf === true,
          globalSpeech: choice.globalSpeech === true,
          actions: choice.previousMenu === true ? "previousMenu" : end(ctx.goto(id, name, node.transitions[name])),
        })),
        noInput: {
          name: noInput !== undefined ? `${actionName(node, id)}: no input` : "Disconnect",
          refId: `${id}_${NO_INPUT}`,
          actions: noInput !== undefined ? end(ctx.goto(id, NO_INPUT, noInput)) : undefined,
        },
      });
    }),
  // Entering a menu plays its audio and waits for the caller's choice; without one it plays again,
  // "the number of times to repeat the menu" (sdk: ArchSettingsMenu.repeatCount, 0 to 10; a menu that
  // leaves it unset takes the flow's settingsMenu), then takes its default choice (sdk: ArchMenu.menuDefault).
  // The caller may also make a choice of another menu whose key or terms are global to the flow
  // (sdk: ArchBaseMenuChoice.dtmfIsGlobal, speechRecTermsAreGlobal); a key offered twice (the
  // menu's own and a global one) cannot be simulated: which choice Architect takes is not documented.
  // A choice runs its task (menuTask), ends the call (menuDisconnect), jumps (menuJumpToTask,
  // menuJumpToMenu) or goes back to the menu entered before this one (menuPreviousMenu,
  // sdk: ArchMenuPreviousMenu); other choice kinds cannot be simulated yet.
  run: {
    jumpToMenu: (a, rt) => {
      const ref = typeof a.targetMenuRef === "string" ? a.targetMenuRef : "";
      const menu = rt.menu(ref);
      if (!menu) return rt.cannot(`a jump to menu ${JSON.stringify(ref)}, which the flow does not have`);
      rt.enterMenu(String(menu.refId ?? ref));
      const setting = (key: string) => {
        const own = isMap(menu.settingsMenu) ? menu.settingsMenu[key] : undefined;
        return isUnset(own) ? rt.menuDefaults?.[key] : own;
      };
      const repeat = setting("repeatCount");
      if (isUnset(repeat)) return rt.cannot(`menu "${String(menu.name)}", which sets no repeat count (Architect's default is not documented)`);
      const repeats = integerOf(rt, repeat, "the menu's repeat count");
      const own = choicesOf(menu);
      const global = globalChoices(rt.menus, menu, own);
      const choices = [...own.map((choice) => ({ choice, offer: optionOf(choice[1], true, true) })), ...global.choices];
      const options = choices.map((c) => c.offer);
      const audio = menu.audio !== undefined ? rt.value(menu.audio, "audio") : undefined;
      for (let attempt = 0; attempt <= repeats; attempt++) {
        if (audio) rt.play(audio);
        const answer = rt.world.menuChoice({ name: String(menu.name ?? ref), prompt: audio ? spokenText(audioParts(audio)) : "", attempt, choices: options });
        if ("choice" in answer) {
          const chosen = choices[answer.choice];
          const other = chosen.offer.dtmf !== undefined ? global.contested.get(chosen.offer.dtmf) : undefined;
          if (other !== undefined) return rt.cannot(`key ${chosen.offer.dtmf} at menu "${String(menu.name)}", which is also a key menu "${other}" offers in every menu (which choice Architect takes is not documented)`);
          return takeChoice(chosen.choice, rt);
        }
      }
      const fallback = /^\.\/choices\/(\w+)\[(.*)\]$/.exec(typeof menu.defaultChildMenuRef === "string" ? menu.defaultChildMenuRef : "");
      const chosen = fallback ? own.find(([key, c]) => key === fallback[1] && c.refId === fallback[2]) : undefined;
      if (!chosen) return rt.cannot(`menu "${String(menu.name)}" without a default choice (what Architect does then is not documented)`);
      return takeChoice(chosen, rt);
    },
  },
});

/** Whether a menu node holds a choice global to the flow: offered in every menu, so every menu leads to it. */
export function offersGlobally(node: { type: string; choices?: Record<string, { globalDtmf?: true; globalSpeech?: true }> }): boolean {
  return node.type === "menu" && Object.values(node.choices ?? {}).some((c) => c.globalDtmf === true || c.globalSpeech === true);
}

type Choice = [string, Record<string, unknown>];

/** A menu's choices, `[kind, body]`. */
function choicesOf(menu: Record<string, unknown>): Choice[] {
  return (Array.isArray(menu.choices) ? menu.choices : []).map((c) => single<unknown>(c)).filter((c): c is Choice => c !== undefined && isMap(c[1]));
}

/** How the caller makes a choice: its key and its terms, where `dtmf` and `speech` say they count here. */
function optionOf(body: Record<string, unknown>, dtmf: boolean, speech: boolean): MenuChoiceOption {
  const terms = speech && isMap(body.speechRecTerms) ? Object.values(body.speechRecTerms).flatMap((t) => (isMap(t) && Array.isArray(t.terms) ? t.terms.filter((x): x is string => typeof x === "string") : [])) : [];
  return { name: String(body.name ?? ""), ...(dtmf && typeof body.dtmf === "string" ? { dtmf: body.dtmf.replace(/^digit_/, "") } : {}), speech: terms };
}

/**
 * The choices of the flow's other menus whose key or terms are global, and the keys offered twice
 * (this menu's own and a global one, or two global ones) -> the other menu offering it.
 */
function globalChoices(menus: readonly Record<string, unknown>[], current: Record<string, unknown>, own: readonly Choice[]): { choices: Array<{ choice: Choice; offer: MenuChoiceOption }>; contested: Map<string, string> } {
  const keys = new Set(own.map(([, c]) => c.dtmf).filter((d): d is string => typeof d === "string").map((d) => d.replace(/^digit_/, "")));
  const choices: Array<{ choice: Choice; offer: MenuChoiceOption }> = [];
  const contested = new Map<string, string>();
  for (const other of menus) {
    if (other === current || other.refId === current.refId) continue;
    for (const choice of choicesOf(other)) {
      const body = choice[1];
      const offer = optionOf(body, body.globalDtmf === true, body.globalSpeechRecTerms === true);
      if (offer.dtmf !== undefined && keys.has(offer.dtmf)) {
        contested.set(offer.dtmf, String(other.name ?? other.refId));
        delete offer.dtmf;
      } else if (offer.dtmf !== undefined) keys.add(offer.dtmf);
      if (offer.dtmf !== undefined || offer.speech.length > 0) choices.push({ choice, offer });
    }
  }
  return { choices, contested };
}

/** What a menu choice does when the caller makes it. */
function takeChoice([key, c]: Choice, rt: RunContext): Directive {
  const name = String(c.name ?? key);
  switch (key) {
    case "menuTask": {
      const task = isMap(c.task) ? c.task : {};
      return { kind: "list", path: name, actions: Array.isArray(task.actions) ? task.actions : [] };
    }
    case "menuDisconnect":
      return { kind: "end", ending: { type: "disconnect" } };
    case "menuJumpToTask":
      return { kind: "jumpToTask", ref: String(c.targetTaskRef) };
    case "menuJumpToMenu":
      return { kind: "list", path: name, actions: [{ jumpToMenu: { name, targetMenuRef: c.targetMenuRef } }] };
    case "menuPreviousMenu": {
      const previous = rt.leaveMenu();
      if (previous === undefined) return rt.cannot(`choice "${name}" goes back to the previous menu from the first menu entered (what Architect does then is not documented)`);
      return { kind: "jumpToMenu", ref: `./menus/menu[${previous}]` };
    }
    default:
      return rt.cannot(`menu choice ${key}`);
  }
}
