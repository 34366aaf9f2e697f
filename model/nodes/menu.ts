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
import type { Directive, RunContext } from "./runContext";
import { integerOf, isMap, isUnset, single } from "./runFields";

/** The transition taken when the caller makes no valid choice after the menu's repeats. */
export const NO_INPUT = "noInput";

/** A choice's name: a transition name of the menu node. */
const choiceName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "a choice name: a letter, then letters, digits or _ (at most 64)")
  .refine((s) => s !== NO_INPUT, `"${NO_INPUT}" is the transition taken when no choice is made; name the choice otherwise`);

/** A DTMF key: 0-9 (a YAML number or string), * or #. */
const dtmfKey = z.union([z.enum(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"]), z.number().int().min(0).max(9)]);

export const menuChoice = z
  .object({
    /** The choice's name in Architect (default: the choice's key). */
    label,
    /** The key the caller presses. */
    dtmf: dtmfKey.optional(),
    /** Words or phrases the caller may say instead (speech recognition, in the flow's language). */
    speech: z.array(z.string().min(1).max(200)).min(1).optional(),
  })
  .strict()
  .refine((c) => c.dtmf !== undefined || c.speech !== undefined, "a choice needs a dtmf key, speech terms, or both");

export type MenuChoice = z.infer<typeof menuChoice>;

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
      /** What the menu plays: a text (`prompt`) or an audio expression (`audio`). */
      ...spokenFields,
      /** Choice name -> how the caller selects it. The choice names are the node's transitions. */
      choices: z.record(choiceName, menuChoice).refine((c) => Object.keys(c).length > 0, "a menu needs at least one choice"),
      /** Times the menu repeats when no choice is made, before `noInput` (Archy `repeatCount`; 0 plays it once; the flow's default is 3). */
      repeatCount: z.number().int().min(0).max(10).optional(),
      /** Seconds to wait for a choice before playing the prompt again (Archy `menuSelectionTimeout`; default 10). */
      selectionTimeoutSeconds: z.number().int().min(1).max(60).optional(),
      transitions: z.record(z.string(), nodeId),
    })
    .strict()
    .superRefine((node, ctx) => {
      oneSpoken(node, ctx);
      for (const name of Object.keys(node.transitions)) {
        if (name !== NO_INPUT && !Object.hasOwn(node.choices, name)) {
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
  fields: "`prompt` (text) or `audio` (expression), `choices` (name → `dtmf` key and/or `speech` terms, `label`), `repeatCount`, `selectionTimeoutSeconds`",
  transitionsDoc: "one per choice, `noInput` (optional)",
  transitions: (n): TransitionSpec[] => [
    ...Object.keys(n.choices ?? {}).map((name) => ({ name, required: true, failure: false })),
    { name: NO_INPUT, required: false, failure: true },
  ],
  terminal: false,
  expressions: (n) => (n.audio !== undefined ? [{ field: "audio", text: n.audio, expect: "audio" }] : []),
  writes: () => [],
  describe: (n) => `menu: ${Object.entries(n.choices).map(([name, c]) => (c.dtmf !== undefined ? `${c.dtmf} ${name}` : name)).join(", ")}`,
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
        audio: A.spoken(node, ctx.expression),
        repeatCount: node.repeatCount,
        selectionTimeoutSeconds: node.selectionTimeoutSeconds,
        choices: Object.entries(node.choices).map(([name, choice]) => ({
          name: choice.label ?? name,
          dtmf: choice.dtmf !== undefined ? `digit_${String(choice.dtmf)}` : undefined,
          speech: choice.speech !== undefined ? { [language]: choice.speech } : undefined,
          actions: end(ctx.goto(id, name, node.transitions[name])),
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
  // A choice runs its task (menuTask), ends the call (menuDisconnect) or jumps (menuJumpToTask,
  // menuJumpToMenu); other choice kinds cannot be simulated yet.
  run: {
    jumpToMenu: (a, rt) => {
      const ref = typeof a.targetMenuRef === "string" ? a.targetMenuRef : "";
      const menu = rt.menu(ref);
      if (!menu) return rt.cannot(`a jump to menu ${JSON.stringify(ref)}, which the flow does not have`);
      const setting = (key: string) => {
        const own = isMap(menu.settingsMenu) ? menu.settingsMenu[key] : undefined;
        return isUnset(own) ? rt.menuDefaults?.[key] : own;
      };
      const repeat = setting("repeatCount");
      if (isUnset(repeat)) return rt.cannot(`menu "${String(menu.name)}", which sets no repeat count (Architect's default is not documented)`);
      const repeats = integerOf(rt, repeat, "the menu's repeat count");
      const choices = (Array.isArray(menu.choices) ? menu.choices : []).map((c) => single(c)).filter((c): c is [string, unknown] => c !== undefined && isMap(c[1]));
      const options = choices.map(([, c]) => {
        const body = c as Record<string, unknown>;
        const terms = isMap(body.speechRecTerms) ? Object.values(body.speechRecTerms).flatMap((t) => (isMap(t) && Array.isArray(t.terms) ? t.terms.filter((x): x is string => typeof x === "string") : [])) : [];
        return { name: String(body.name ?? ""), ...(typeof body.dtmf === "string" ? { dtmf: body.dtmf.replace(/^digit_/, "") } : {}), speech: terms };
      });
      const audio = rt.value(menu.audio, "audio");
      for (let attempt = 0; attempt <= repeats; attempt++) {
        rt.play(audio);
        const answer = rt.world.menuChoice({ name: String(menu.name ?? ref), prompt: spokenText(audioParts(audio)), attempt, choices: options });
        if ("choice" in answer) return takeChoice(choices[answer.choice], rt);
      }
      const fallback = /^\.\/choices\/(\w+)\[(.*)\]$/.exec(typeof menu.defaultChildMenuRef === "string" ? menu.defaultChildMenuRef : "");
      const chosen = fallback ? choices.find(([key, c]) => key === fallback[1] && (c as Record<string, unknown>).refId === fallback[2]) : undefined;
      if (!chosen) return rt.cannot(`menu "${String(menu.name)}" without a default choice (what Architect does then is not documented)`);
      return takeChoice(chosen, rt);
    },
  },
});
export type MenuNode = z.infer<typeof menu.schema>;

/** What a menu choice does when the caller makes it. */
function takeChoice([key, body]: [string, unknown], rt: RunContext): Directive {
  const c = body as Record<string, unknown>;
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
    default:
      return rt.cannot(`menu choice ${key}`);
  }
}
