// Hold music: an in-queue call flow plays hold music (a prompt) to the waiting caller, all of it or
// for some seconds (Archy `holdMusic` with `prompt`, `bargeInEnabled` and `playStyle`, as real
// exports write it: export:DoctorHCode333/CI_CD2 blueprint/genesys-cloud-cx-as-code/export/exported_resources/
// architect_flows/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da.yaml line 74;
// https://help.mypurecloud.com/articles/hold-music-action/). Imports from one whose prompt is an
// expression and whose play style is the entire prompt or literal seconds.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap } from "../../archy/json";
import { expOf, isEmptyField, litOf } from "../../archy/values";
import { expression, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

export const holdMusic = defineNodeType({
  schema: nodeSchema("holdMusic", {
    /** The hold music: an expression giving a prompt, e.g. `Flow.HoldPrompt` (the queue's) or `PromptSystem.on_hold_music`. */
    holdPrompt: expression,
    /** The caller may interrupt it with a key press (Archy `bargeInEnabled`). */
    bargeIn: z.boolean().default(false),
    /** Play it for this many seconds; left out, the entire prompt plays. */
    seconds: z.number().int().min(1).max(3600).optional(),
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Plays hold music (a prompt) to a caller waiting in queue, all of it or for some seconds.",
  fields: "`holdPrompt` (prompt expression), `bargeIn` (false), `seconds` (optional; the entire prompt when left out)",
  expressions: (n) => [{ field: "holdPrompt", text: n.holdPrompt }],
  describe: (n) => `hold music${n.seconds !== undefined ? ` ${n.seconds}s` : ""}`,
  example: {
    label: "Hold music",
    holdPrompt: "PromptSystem.on_hold_music",
    bargeIn: false,
    seconds: 30,
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => [
    {
      holdMusic: {
        name: actionName(node, id),
        prompt: A.exp(ctx.expression(node.holdPrompt)),
        bargeInEnabled: A.lit(node.bargeIn),
        playStyle: node.seconds !== undefined ? { duration: A.lit({ seconds: node.seconds }) } : { entirePrompt: true },
      },
    },
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name", "prompt", "bargeInEnabled", "playStyle"],
    map(a) {
      const holdPrompt = expOf(a.prompt);
      if (holdPrompt === undefined) return keepRaw("its prompt is not an expression");
      const bargeIn = isEmptyField(a.bargeInEnabled) ? false : litOf(a.bargeInEnabled)?.value;
      if (typeof bargeIn !== "boolean") return keepRaw("its barge-in is not a literal true or false");
      const style = a.playStyle;
      const duration = isMap(style) && Object.keys(style).length === 1 ? litOf(style.duration)?.value : undefined;
      const seconds =
        isMap(duration) && Object.keys(duration).length === 1 && Number.isInteger(duration.seconds)
          ? (duration.seconds as number)
          : undefined;
      const entire = isMap(style) && Object.keys(style).length === 1 && style.entirePrompt === true;
      if (!entire && (seconds === undefined || seconds < 1 || seconds > 3600))
        return keepRaw("its play style is neither the entire prompt nor literal seconds");
      return {
        node: { type: "holdMusic", holdPrompt, bargeIn, ...(seconds !== undefined ? { seconds } : {}) },
        branches: { next: undefined },
      };
    },
  },
  // Hold Music plays the prompt to the caller, the entire prompt or for the duration set
  // (help.mypurecloud.com/articles/hold-music-action/); the run goes on after it.
  run: {
    holdMusic: (a, rt) => {
      rt.play(rt.value(a.prompt, "audio"));
      return { kind: "next" };
    },
  },
});
