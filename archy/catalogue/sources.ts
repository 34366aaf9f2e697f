// The public sources the Archy catalogue cites: Genesys documentation pages, the Architect
// Scripting SDK's published type documentation, and public Archy exports at a fixed commit (files
// of flows exported from an org, or published with the Archy CLI or the Genesys provider). Every
// catalogue entry names at least one of these by id; the ids are typed, so a citation that does
// not resolve does not compile. Only names are taken from the exports, never their content.
//
// To add an entry to the catalogue, add the page here or the export (a GitHub blob URL at a
// 40-digit commit) to exports.ts, then cite its id next to the entry.
import { EXPORTS } from "./exports";

export const DOCS = {
  // ---- Genesys documentation (help.mypurecloud.com, developer.genesys.cloud)
  "help:implicit-casting": "https://help.mypurecloud.com/articles/use-implicit-casting-expressions/",
  "help:string-literals": "https://help.mypurecloud.com/articles/use-string-literals-expressions/",
  "help:access-properties": "https://help.mypurecloud.com/articles/access-properties-values-expressions/",
  "help:expression-help": "https://help.mypurecloud.com/articles/architect-expression-help/",
  "help:not-set": "https://help.mypurecloud.com/articles/using-not_set-expressions/",
  "help:modify-collections": "https://help.mypurecloud.com/articles/modify-collection-values/",
  "help:json-values": "https://help.mypurecloud.com/articles/json-values-in-architect/",
  "help:convert-string": "https://help.mypurecloud.com/articles/convert-string-value-typed-value/",
  "help:datetime-dst":
    "https://help.mypurecloud.com/articles/datetime-values-in-architect-flows-and-daylight-savings-time-dst-calculations/",
  "help:design-time-validation": "https://help.mypurecloud.com/article/expression-validation-design-time/",
  "help:set-audio-sequence": "https://help.mypurecloud.com/blog/article/set-audio-sequence/",
  "help:runtime-data-playback": "https://help.mypurecloud.com/articles/languages-runtime-data-playback/",
  "help:tts-playback-test": "https://help.mypurecloud.com/articles/test-your-third-party-tts-engine-playback/",
  "help:phone-number-type": "https://help.mypurecloud.com/articles/about-the-phone-number-data-type/",
  "help:built-in-variables": "https://help.mypurecloud.com/articles/architect-default-variables/",
  "help:messaging-attributes": "https://help.mypurecloud.com/articles/authenticated-web-messaging-attributes/",
  // "Set up a message sequence with the String Builder": the message sender's address, "Message.Message.senderAddress".
  "help:string-builder": "https://help.mypurecloud.com/?p=182005",
  "help:common-modules": "https://help.mypurecloud.com/articles/work-with-common-module-flows/",
  "help:voice-survey-flows": "https://help.mypurecloud.com/articles/work-with-voice-survey-flows",
  "help:ask-survey-question": "https://help.mypurecloud.com/?p=343196",
  "help:in-queue-flows": "https://help.mypurecloud.com/articles/queue-call-flows/",
  "help:call-lex-v2-bot": "https://help.mypurecloud.com/articles/call-lex-v2-bot-action/",
  "help:detect-silence": "https://help.mypurecloud.com/articles/detect-silence-action",
  "help:play-audio-on-silence": "https://help.mypurecloud.com/?p=210961",
  "help:flush-audio": "https://help.mypurecloud.com/articles/flush-audio-action/",
  "help:send-notification": "https://help.mypurecloud.com/?p=312349",
  "help:set-post-flow": "https://help.mypurecloud.com/articles/set-post-flow-action/",
  "help:enable-participant-recording": "https://help.mypurecloud.com/articles/enable-participant-recording-action/",
  "help:jump-to-reusable-task": "https://help.mypurecloud.com/faqs/how-many-actions-can-i-run-in-a-flow/",
  "help:workflows": "https://help.mypurecloud.com/articles/work-with-workflows/",
  "help:digital-bot-flows": "https://help.mypurecloud.com/articles/work-with-genesys-digital-bot-flows/",
  "help:transfer-actions": "https://help.mypurecloud.com/articles/add-transfer-action-task/",
  "help:hold-music-action": "https://help.mypurecloud.com/articles/hold-music-action/",
  "dev:archy-references": "https://developer.genesys.cloud/devapps/archy/flowAuthoring/lesson_04_reference_basics",
  "dev:archy-flow-authoring": "https://developer.genesys.cloud/devapps/archy/flowAuthoring/",
  "dev:archy-yaml-escaping": "https://developer.genesys.cloud/devapps/archy/flowAuthoring/lesson_08_yaml_escaping",
  "forum:format-number-playdigits":
    "https://developer.genesys.cloud/forum/t/string-variable-with-integers-format-number-playdigits/11881",
  // The Architect Scripting SDK documents every action, flow type and prompt lookup Architect has.
  "sdk:architect-scripting-types":
    "https://github.com/MyPureCloud/purecloud-flow-scripting-api-sdk-javascript/blob/a8d8a5d7dd5fbc1795a571c7a0cc87863b8be2ab/docs/types.d.ts",
} as const satisfies Record<string, string>;

/** Every source: the documentation above and the public exports (exports.ts). */
export const SOURCES = { ...DOCS, ...EXPORTS } as const;

export type SourceId = keyof typeof SOURCES;
