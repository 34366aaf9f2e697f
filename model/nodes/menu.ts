// Menu: a call menu that plays a prompt and branches on the caller's key press or spoken choice.
// Compiled once into the flow's Archy `menus` and entered with `jumpToMenu` (or as the flow's start);
// an export's menus are read back by the import's graph builder (import/menus.ts), as a menu is a
// body element rather than one action.
import { z } from "zod";
import * as A from "../../archy/construct";
import { label, nodeId } from "../types";
import { actionName, type EmitContext } from "./emitContext";
import { oneSpoken, spokenFields } from "./playMessage";
import { defineNodeType, type TransitionSpec, nodeSchema } from "./unit";
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
  .refine(
    (s) => s !== NO_INPUT,
    `"${NO_INPUT}" is the transition taken when no choice is made; name the choice otherwise`,
  );

/** A DTMF key: 0-9 (a YAML number or string), * or #. */
const dtmfKey = z.union([
  z.enum(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"]),
  z.number().int().min(0).max(9),
]);

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
    /** The choice ends the call (Archy `menuDisconnect`; sdk: ArchMenuDisconnect); it has no transition. */
    disconnect: z.literal(true).optional(),
    /**
     * How the choice is written in Archy when not as a task of its own (`menuTask`, the default):
     * `menuJumpToTask` (its target starts a reusable task the choice jumps to), `menuJumpToMenu`
     * (its target is a menu) or `menuTransferToAcd` (its target is a transferToQueue node with no
     * failure transition, reached from this choice only: the choice is that transfer). What the
     * import writes, so a flow keeps the choices its export has (sdk: ArchMenuJumpToTask, ...).
     */
    archyChoice: z.enum(["menuJumpToTask", "menuJumpToMenu", "menuTransferToAcd"]).optional(),
  })
  .strict()
  .refine(
    (c) => [c.previousMenu, c.disconnect, c.archyChoice].filter((x) => x !== undefined).length <= 1,
    "a choice goes back to the previous menu, disconnects, or has an archyChoice: one of them",
  )
  .refine((c) => c.dtmf !== undefined || c.speech !== undefined, "a choice needs a dtmf key, speech terms, or both")
  .refine((c) => c.globalDtmf === undefined || c.dtmf !== undefined, {
    message: "globalDtmf offers the choice's key in every menu: give it a dtmf key",
    path: ["globalDtmf"],
  })
  .refine((c) => c.globalSpeech === undefined || c.speech !== undefined, {
    message: "globalSpeech offers the choice's speech terms in every menu: give it speech terms",
    path: ["globalSpeech"],
  });

/**
 * A call menu (Archy `menus`): plays a prompt and waits for the caller's choice, by key or by
 * voice. Each choice is a transition of the node (but one that disconnects or goes back);
 * `noInput` is taken when the caller makes no valid choice after the menu has played
 * `repeatCount` times (Architect's default menu choice), or the choice `defaultChoice` names;
 * without either the call is disconnected then, and with `defaultChoice: false` it is not said.
 */
export const menu = defineNodeType({
  schema: nodeSchema("menu", {
    /**
     * What the menu plays: a text (`prompt`) or an audio expression (`audio`); neither for a menu
     * that holds only global choices and plays nothing (export:DoctorHCode333/CI_CD2
     * blueprint/genesys-cloud-cx-as-code/export/exported_resources/architect_flows/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc.yaml line 3291).
     */
    ...spokenFields,
    /** Choice name -> how the caller selects it. The choice names are the node's transitions. */
    choices: z
      .record(choiceName, menuChoice)
      .refine((c) => Object.keys(c).length > 0, "a menu needs at least one choice"),
    /** Times the menu repeats when no choice is made, before `noInput` (Archy `repeatCount`; 0 plays it once; the flow's default is 3). */
    repeatCount: z.number().int().min(0).max(10).optional(),
    /** Seconds to wait for a choice before playing the prompt again, to the millisecond (Archy `menuSelectionTimeout`; default 10). */
    selectionTimeoutSeconds: z
      .number()
      .min(0)
      .max(60)
      .refine(wholeMs, "whole milliseconds (at most 3 decimals)")
      .optional(),
    /**
     * Whether several digits are taken as an extension to dial rather than a menu choice (Archy
     * `listenForExtensionDialing`; help.mypurecloud.com/articles/configure-default-menu-settings/:
     * "Listen for extension dialing"; the flow's setting when unset).
     */
    listenForExtensionDialing: z.boolean().optional(),
    /** Seconds to wait for the next digit of an extension, to the millisecond (Archy `extensionDialingMaxDelay`; same page: "Extension dialing max delay"). */
    extensionDialingMaxDelaySeconds: z
      .number()
      .min(0)
      .max(60)
      .refine(wholeMs, "whole milliseconds (at most 3 decimals)")
      .optional(),
    /**
     * The menu's own minimum confidence level for spoken choices, 0 to 100 (Archy
     * `settingsSpeechRec.minConfidenceLevel`; help.mypurecloud.com/articles/configure-default-speech-recognition-settings/
     * "Minimum confidence level", which a menu may override: help.mypurecloud.com/articles/specify-speech-recognition-settings/).
     */
    minConfidenceLevel: z.number().int().min(0).max(100).optional(),
    /**
     * The choice also taken when the caller makes none after the repeats (Archy
     * `defaultChildMenuRef`), instead of a `noInput` transition; `false`: the menu has no default
     * choice, as the export it was imported from. Without either (and no `noInput`) the compiler
     * adds a default choice that disconnects. What Genesys does on no input without a default
     * choice is not documented: control passes to the default choice "if there is one"
     * (help.mypurecloud.com/articles/configure-default-menu-settings/), so scenarios cannot follow it.
     */
    defaultChoice: z.union([z.string(), z.literal(false)]).optional(),
    transitions: z.record(z.string(), nodeId).default({}),
  }).superRefine((node, ctx) => {
    if (node.prompt !== undefined && node.audio !== undefined) oneSpoken(node, ctx);
    const defaultChoice = node.defaultChoice === false ? undefined : node.defaultChoice;
    if (
      defaultChoice !== undefined &&
      (!Object.hasOwn(node.choices, defaultChoice) || node.choices[defaultChoice].previousMenu === true)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["defaultChoice"],
        message: `"${defaultChoice}" is not a choice of this menu that goes somewhere; its choices are ${Object.keys(node.choices).join(", ")}`,
      });
    }
    for (const name of Object.keys(node.transitions)) {
      if (node.choices[name]?.previousMenu === true || node.choices[name]?.disconnect === true) {
        ctx.addIssue({
          code: "custom",
          path: ["transitions", name],
          message: `choice "${name}" ${node.choices[name].disconnect ? "disconnects" : "goes back to the previous menu"}: it has no transition`,
        });
      } else if (name === NO_INPUT && node.defaultChoice !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["transitions", name],
          message: `the menu has defaultChoice ${String(node.defaultChoice)}: no input takes ${node.defaultChoice === false ? "no choice" : "that choice"}, so it has no noInput transition`,
        });
      } else if (name !== NO_INPUT && !Object.hasOwn(node.choices, name)) {
        const names = [...Object.keys(node.choices), NO_INPUT].join(", ");
        ctx.addIssue({
          code: "custom",
          path: ["transitions", name],
          message: `"${name}" is not a choice of this menu; its transitions are ${names}`,
        });
      }
    }
    const seen = new Map<string, string>();
    for (const [name, choice] of Object.entries(node.choices)) {
      if (choice.dtmf === undefined) continue;
      const key = String(choice.dtmf);
      const other = seen.get(key);
      if (other !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["choices", name, "dtmf"],
          message: `key ${key} is already the key of choice "${other}"`,
        });
      else seen.set(key, name);
    }
  }),
  summary:
    "A call menu: plays a prompt and branches on the caller's key press or spoken choice; `noInput` after the repeats.",
  fields:
    "`prompt` (text) or `audio` (expression) or neither, `choices` (name → `dtmf` key and/or `speech` terms, `label`, `globalDtmf`/`globalSpeech` to offer it in every menu, `previousMenu`, `disconnect`, `archyChoice`), `defaultChoice` (a choice, or false), `repeatCount`, `selectionTimeoutSeconds`, `listenForExtensionDialing`, `extensionDialingMaxDelaySeconds`, `minConfidenceLevel`",
  transitionsDoc:
    "one per choice (but `previousMenu` and `disconnect` ones), `noInput` (optional, not with `defaultChoice`)",
  transitions: (n): TransitionSpec[] => [
    ...Object.entries(n.choices ?? {})
      .filter(([, c]) => c.previousMenu !== true && c.disconnect !== true)
      .map(([name]) => ({ name, required: true, failure: false })),
    ...(n.defaultChoice === undefined ? [{ name: NO_INPUT, required: false, failure: true }] : []),
  ],
  endsHere: (n) => Object.values(n.choices).some((c) => c.disconnect === true),
  expressions: (n) => (n.audio !== undefined ? [{ field: "audio", text: n.audio, expect: "audio" }] : []),
  describe: (n) =>
    `menu: ${Object.entries(n.choices)
      .map(
        ([name, c]) =>
          `${c.dtmf !== undefined ? `${c.dtmf} ` : ""}${name}${c.globalDtmf || c.globalSpeech ? " (global)" : ""}${c.previousMenu ? " (previous menu)" : ""}${c.disconnect ? " (disconnect)" : ""}`,
      )
      .join(", ")}`,
  example: {
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
      const language = ctx.language;
      if (language === undefined) return ctx.fail(id, `a ${ctx.kind.title} has no language for a menu's speech terms`);
      const noInput = node.transitions[NO_INPUT];
      const refId = (name: string) => `${id}_${name}`;
      // Without defaultChoice, one more choice is the default: it runs noInput's nodes, or disconnects.
      const fallback = () => ({
        name: noInput !== undefined ? `${actionName(node, id)}: no input` : "Disconnect",
        refId: refId(NO_INPUT),
        does:
          noInput !== undefined
            ? { task: A.withTerminator(ctx.goto(id, NO_INPUT, noInput), ctx.kind.fallthrough) }
            : ("disconnect" as const),
      });
      return A.menu({
        name: actionName(node, id),
        refId: id,
        audio: node.prompt !== undefined || node.audio !== undefined ? A.spoken(node, ctx.expression) : undefined,
        minConfidenceLevel: node.minConfidenceLevel,
        repeatCount: node.repeatCount,
        selectionTimeoutSeconds: node.selectionTimeoutSeconds,
        listenForExtensionDialing: node.listenForExtensionDialing,
        extensionDialingMaxDelaySeconds: node.extensionDialingMaxDelaySeconds,
        choices: [
          ...Object.entries(node.choices).map(([name, choice]) => ({
            name: choice.label ?? name,
            ...(name === node.defaultChoice ? { refId: refId(name) } : {}),
            dtmf: choice.dtmf !== undefined ? `digit_${String(choice.dtmf)}` : undefined,
            speech: choice.speech !== undefined ? { [language]: choice.speech } : undefined,
            globalDtmf: choice.globalDtmf === true,
            globalSpeech: choice.globalSpeech === true,
            does: choiceDoes(node, id, name, ctx),
          })),
          ...(node.defaultChoice === undefined ? [fallback()] : []),
        ],
        defaultChoice: node.defaultChoice === false ? undefined : refId(node.defaultChoice ?? NO_INPUT),
      });
    }),
  // Entering a menu plays its audio and waits for the caller's choice; without one it plays again,
  // "the number of times to repeat the menu" (sdk: ArchSettingsMenu.repeatCount, 0 to 10; a menu that
  // leaves it unset takes the flow's settingsMenu), then takes its default choice (sdk: ArchMenu.menuDefault).
  // The caller may also make a choice of another menu whose key or terms are global to the flow
  // (sdk: ArchBaseMenuChoice.dtmfIsGlobal, speechRecTermsAreGlobal); a key offered twice (the
  // menu's own and a global one) cannot be simulated: which choice Architect takes is not documented.
  // A choice runs its task (menuTask), ends the call (menuDisconnect), jumps (menuJumpToTask,
  // menuJumpToMenu), transfers (menuTransferToAcd, run as transferToAcd is) or goes back to the
  // menu entered before this one (menuPreviousMenu, sdk: ArchMenuPreviousMenu); other choice kinds
  // cannot be simulated yet.
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
      if (isUnset(repeat))
        return rt.cannot(
          `menu "${String(menu.name)}", which sets no repeat count (Architect's default is not documented)`,
        );
      const repeats = integerOf(rt, repeat, "the menu's repeat count");
      const own = choicesOf(menu);
      const global = globalChoices(rt.menus, menu, own);
      const choices = [...own.map((choice) => ({ choice, offer: optionOf(choice[1], true, true) })), ...global.choices];
      const options = choices.map((c) => c.offer);
      const audio = menu.audio !== undefined ? rt.value(menu.audio, "audio") : undefined;
      for (let attempt = 0; attempt <= repeats; attempt++) {
        if (audio) rt.play(audio);
        const answer = rt.world.menuChoice({
          name: String(menu.name ?? ref),
          prompt: audio ? spokenText(audioParts(audio)) : "",
          attempt,
          choices: options,
        });
        if ("choice" in answer) {
          const chosen = choices[answer.choice];
          const other = chosen.offer.dtmf !== undefined ? global.contested.get(chosen.offer.dtmf) : undefined;
          if (other !== undefined)
            return rt.cannot(
              `key ${chosen.offer.dtmf} at menu "${String(menu.name)}", which is also a key menu "${other}" offers in every menu (which choice Architect takes is not documented)`,
            );
          return takeChoice(chosen.choice, rt);
        }
      }
      const fallback = /^\.\/choices\/(\w+)\[(.*)\]$/.exec(
        typeof menu.defaultChildMenuRef === "string" ? menu.defaultChildMenuRef : "",
      );
      const chosen = fallback ? own.find(([key, c]) => key === fallback[1] && c.refId === fallback[2]) : undefined;
      if (!chosen)
        return rt.cannot(
          `menu "${String(menu.name)}" without a default choice (what Architect does then is not documented)`,
        );
      return takeChoice(chosen, rt);
    },
  },
});

/**
 * What choice `name` does, as its Archy choice: a task of its own running its target (menuTask),
 * or what its fields say (a jump, a transfer, a disconnect, back to the previous menu).
 */
function choiceDoes(
  node: { choices: Record<string, z.infer<typeof menuChoice>>; transitions: Record<string, string> },
  id: string,
  name: string,
  ctx: EmitContext,
): A.MenuChoiceSpec["does"] {
  const choice = node.choices[name];
  if (choice.previousMenu === true) return "previousMenu";
  if (choice.disconnect === true) return "disconnect";
  const target = node.transitions[name];
  const written = (what: string): never =>
    ctx.fail(id, `choice "${name}" is written as Archy ${choice.archyChoice}: its transition must lead to ${what}`);
  switch (choice.archyChoice) {
    case "menuJumpToTask":
      return {
        jumpToTask:
          ctx.reusableTask(target) ??
          written("a node that can start a reusable task (not a menu, nor a node inside a loop)"),
      };
    case "menuJumpToMenu": {
      const [jump, ...more] = ctx.goto(id, name, target);
      const ref = more.length === 0 && isMap(jump?.jumpToMenu) ? jump.jumpToMenu.targetMenuRef : undefined;
      return typeof ref === "string" ? { jumpToMenu: ref } : written("a menu node");
    }
    case "menuTransferToAcd": {
      const [transfer, ...more] = ctx.goto(id, name, target);
      return more.length === 0 && isMap(transfer?.transferToAcd) && transfer.transferToAcd.outputs === undefined
        ? { transfer }
        : written("a transferToQueue node with no failure transition that no other transition leads to");
    }
    default:
      return { task: A.withTerminator(ctx.goto(id, name, target), ctx.kind.fallthrough) };
  }
}

/** Whether a menu node holds a choice global to the flow: offered in every menu, so every menu leads to it. */
export function offersGlobally(node: {
  type: string;
  choices?: Record<string, { globalDtmf?: true; globalSpeech?: true }>;
}): boolean {
  return (
    node.type === "menu" &&
    Object.values(node.choices ?? {}).some((c) => c.globalDtmf === true || c.globalSpeech === true)
  );
}

/** A choice: `[kind, body, the choice's own mapping]` (run as the action it is, for a transfer). */
type Choice = [string, Record<string, unknown>, object];

/** A menu's choices. */
function choicesOf(menu: Record<string, unknown>): Choice[] {
  return (Array.isArray(menu.choices) ? menu.choices : []).flatMap((c): Choice[] => {
    const entry = single<unknown>(c);
    return entry !== undefined && isMap(entry[1]) && isMap(c) ? [[entry[0], entry[1], c]] : [];
  });
}

/** How the caller makes a choice: its key and its terms, where `dtmf` and `speech` say they count here. */
function optionOf(body: Record<string, unknown>, dtmf: boolean, speech: boolean): MenuChoiceOption {
  const terms =
    speech && isMap(body.speechRecTerms)
      ? Object.values(body.speechRecTerms).flatMap((t) =>
          isMap(t) && Array.isArray(t.terms) ? t.terms.filter((x): x is string => typeof x === "string") : [],
        )
      : [];
  return {
    name: String(body.name ?? ""),
    ...(dtmf && typeof body.dtmf === "string" ? { dtmf: body.dtmf.replace(/^digit_/, "") } : {}),
    speech: terms,
  };
}

/**
 * The choices of the flow's other menus whose key or terms are global, and the keys offered twice
 * (this menu's own and a global one, or two global ones) -> the other menu offering it.
 */
function globalChoices(
  menus: readonly Record<string, unknown>[],
  current: Record<string, unknown>,
  own: readonly Choice[],
): { choices: Array<{ choice: Choice; offer: MenuChoiceOption }>; contested: Map<string, string> } {
  const keys = new Set(
    own
      .map(([, c]) => c.dtmf)
      .filter((d): d is string => typeof d === "string")
      .map((d) => d.replace(/^digit_/, "")),
  );
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
function takeChoice([key, c, item]: Choice, rt: RunContext): Directive {
  const name = String(c.name ?? key);
  switch (key) {
    case "menuTask": {
      const task = isMap(c.task) ? c.task : {};
      return { kind: "list", path: name, actions: Array.isArray(task.actions) ? task.actions : [] };
    }
    case "menuDisconnect":
      return { kind: "end", ending: { type: "disconnect" } };
    case "menuJumpToTask":
      return { kind: "jumpToTask", ref: String(c.targetTaskRef), path: name };
    case "menuTransferToAcd":
      // The choice is the transfer (its mapping, which the compiler wrote for the transfer node).
      return { kind: "list", path: name, actions: [item] };
    case "menuJumpToMenu":
      return { kind: "jumpToMenu", ref: String(c.targetMenuRef), path: name };
    case "menuPreviousMenu": {
      const previous = rt.leaveMenu();
      if (previous === undefined)
        return rt.cannot(
          `choice "${name}" goes back to the previous menu from the first menu entered (what Architect does then is not documented)`,
        );
      return { kind: "jumpToMenu", ref: `./menus/menu[${previous}]` };
    }
    default:
      return rt.cannot(`menu choice ${key}`);
  }
}
