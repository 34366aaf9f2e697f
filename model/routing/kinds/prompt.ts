// A user prompt (genesyscloud_architect_user_prompt): what a flow's Play Audio or a menu plays by
// name. An org object kind (../kind.ts `object`, docs/objects.md) declared under objects/prompts/:
// its name, description and one resource per language, each a text-to-speech string, an audio file
// kept in the repository (a path relative to the prompt's file, uploaded by the provider with the
// digest of its content, so a new recording republishes the prompt) or both. A rename is a new
// prompt (ForceNew, genesyscloud/architect_user_prompt/resource_architect_user_prompt_schema.go,
// v1.84.2): the flows naming it change with the name anyway. Watched for people's changes: each
// language's text-to-speech string, text and file name (the content of an audio file Genesys
// holds is not compared). A prompt a published flow outside the stack plays stays in the org when
// the stack deletes it.
import { posix } from "node:path";
import { z } from "zod";
import { namedSchema } from "../fields";
import { orgJson, when, type Json, defineRoutingKind } from "../kind";
import { ORG_OBJECT_KINDS, routingOrgRow } from "../../../archy/orgObjectKinds";

/** A path inside the repository, relative to the prompt's file: no `..`, no absolute path, no URL. */
const RELATIVE = /^(?![/\\])(?!.*(?:^|[/\\])\.\.(?:[/\\]|$))(?![a-z][a-z0-9+.-]*:)[^\0]+$/i;

const resource = z
  .object({
    /** The language of the resource, as Genesys writes it: `en-us`. */
    language: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "a lower-case language code such as en-us"),
    /** What text-to-speech says where no audio file plays. */
    tts: z.string().min(1).optional(),
    /** The prompt's words as Architect shows them. */
    text: z.string().min(1).optional(),
    /** An audio file (WAV) in the repository, relative to this file: `welcome.en-us.wav`. */
    audio: z.string().regex(RELATIVE, "a path relative to the prompt's file, inside the repository").optional(),
  })
  .strict()
  .refine((r) => r.tts !== undefined || r.audio !== undefined, {
    message: "a resource needs `tts`, `audio` or both (what the prompt plays in that language)",
  });

export const promptFile = namedSchema("prompt", {
  resources: z
    .array(resource)
    .min(1)
    .refine((rs) => new Set(rs.map((r) => r.language)).size === rs.length, {
      message: "one resource per language: a language is listed twice",
    }),
});
export type PromptFile = z.infer<typeof promptFile>;

/** The repository path of an audio file a prompt's file names (relative to it). */
export function audioPath(file: string, audio: string): string {
  return posix.join(posix.dirname(file.replace(/\\/g, "/")), audio.replace(/\\/g, "/"));
}

/** The provider's resources as compared with the org's: language, text-to-speech string, text, file. */
const compared = (r: Json): Json => ({
  language: r.language,
  ttsString: r.ttsString,
  text: r.text,
  filename: r.filename,
});

export const prompt = defineRoutingKind<PromptFile>({
  schema: promptFile,
  label: ORG_OBJECT_KINDS.prompt.label,
  folder: "prompts",
  stackValues: ["description", "resources"],
  object: { usedByFlows: true },
  details(b, a, field) {
    const say = (v: PromptFile, lang: string) => {
      const r = v.resources.find((x) => x.language === lang);
      return r && [r.tts, r.audio].filter((x) => x !== undefined).join(" + ");
    };
    const langs = [...new Set([...b.resources, ...a.resources].map((r) => r.language))].sort();
    for (const lang of langs) field(`resource ${lang}`, say(b, lang), say(a, lang));
  },
  provider: {
    resource: "ArchitectUserPrompt",
    args: (v, refs, file) => ({
      resources: v.resources.map((r) => {
        const path = r.audio !== undefined && file !== undefined ? audioPath(file, r.audio) : undefined;
        return {
          language: r.language,
          ...when("ttsString", r.tts),
          ...when("text", r.text),
          ...when("filename", path),
          ...when("fileContentHash", path !== undefined ? refs.digest?.(path) : undefined),
        };
      }),
    }),
    replaceOn: ["name"],
  },
  org: {
    ...routingOrgRow("prompt"),
    fields: { resources: "resources" },
    parts: {
      resources: {
        key: "language",
        label: "resource",
        fields: { ttsString: "text to speech", text: "text", filename: "audio file" },
      },
    },
    observe: (e) => ({
      resources: (Array.isArray(e.resources) ? (e.resources as Json[]) : []).map((r) =>
        compared({
          ...r,
          filename: orgJson.strings((r.tags as Json | undefined)?.filename)[0],
        }),
      ),
    }),
  },
});
