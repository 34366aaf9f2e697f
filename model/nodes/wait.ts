// Wait: a workflow pauses for a literal duration (Archy `wait` with `duration: {lit: {seconds: n}}`
// or `{lit: {minutes: n}}` and `trimDurationNearMaxRunningTime`, as real exports write it:
// export:GenesysCloudBlueprints/automatic-offer-callback-for-disconnected-call
// terraform/modules/flow/Send_SMS_to_Schedule_Callback.yaml line 45;
// https://help.mypurecloud.com/articles/wait-action/). Imports from one waiting literal seconds or minutes.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, single } from "../../archy/json";
import { isEmptyField, litOf } from "../../archy/values";
import { nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

export const wait = defineNodeType({
  schema: nodeSchema("wait", {
    /** How long to wait: under a minute, or whole minutes (compiled as minutes), up to a day. */
    seconds: z
      .number()
      .int()
      .min(1)
      .max(86400)
      .refine((s) => s < 60 || s % 60 === 0, "under 60 seconds, or a whole number of minutes"),
    /** Shorten the wait when the workflow nears its maximum running time instead of failing (Archy `trimDurationNearMaxRunningTime`). */
    trimNearMaxRunningTime: z.boolean().default(false),
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "A workflow pauses for some seconds or minutes.",
  fields: "`seconds` (under 60, or whole minutes), `trimNearMaxRunningTime` (false)",
  describe: (n) => `wait ${n.seconds < 60 ? `${n.seconds}s` : `${n.seconds / 60}min`}`,
  example: { label: "Pause", seconds: 120, trimNearMaxRunningTime: true, transitions: { next: "Next" } },
  emit: (node, id, ctx) => [
    {
      wait: {
        name: actionName(node, id),
        trimDurationNearMaxRunningTime: A.lit(node.trimNearMaxRunningTime),
        duration: A.lit(node.seconds < 60 ? { seconds: node.seconds } : { minutes: node.seconds / 60 }),
      },
    },
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name", "trimDurationNearMaxRunningTime", "duration"],
    map(a) {
      const trim = isEmptyField(a.trimDurationNearMaxRunningTime)
        ? false
        : litOf(a.trimDurationNearMaxRunningTime)?.value;
      if (typeof trim !== "boolean")
        return keepRaw("its trimDurationNearMaxRunningTime is not a literal true or false");
      const duration = litOf(a.duration)?.value;
      const unit = isMap(duration) ? single(duration) : undefined;
      const factor = unit?.[0] === "seconds" ? 1 : unit?.[0] === "minutes" ? 60 : undefined;
      const amount = unit?.[1];
      const seconds =
        factor !== undefined && typeof amount === "number" && Number.isInteger(amount) ? amount * factor : undefined;
      if (seconds === undefined || seconds < 1 || seconds > 86400 || (factor === 1 && seconds >= 60))
        return keepRaw("its duration is not literal seconds (under a minute) or minutes");
      return { node: { type: "wait", seconds, trimNearMaxRunningTime: trim }, branches: { next: undefined } };
    },
  },
  // Wait pauses the workflow for the duration (help.mypurecloud.com/articles/wait-action/);
  // scenarios have no clock, so the run goes on after it.
  run: {
    wait: () => ({ kind: "next" }),
  },
});
