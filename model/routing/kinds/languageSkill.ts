// A language skill (genesyscloud_routing_language): the language a flow's Transfer to ACD asks an
// agent to speak. An org object kind declared under objects/languages/, its name only, a rename a
// new one (ForceNew, genesyscloud/routing_language/resource_genesyscloud_routing_language_schema.go).
import { z } from "zod";
import { namedFields } from "../fields";
import { nameUnit } from "./skill";

export const languageSkillFile = z.object({ kind: z.literal("languageSkill"), name: namedFields.name }).strict();
type LanguageSkillFile = z.infer<typeof languageSkillFile>;
export const languageSkill = nameUnit<LanguageSkillFile>(languageSkillFile, "languages", "RoutingLanguage", ["name"]);
