// A wrap-up code (genesyscloud_routing_wrapupcode): what an agent, or a flow's Set Wrap-up Code,
// records a conversation ended with. An org object kind declared under objects/wrapup-codes/: its
// name and description, both changed in place (genesyscloud/routing_wrapupcode, v1.84.2).
import { z } from "zod";
import { namedFields } from "../fields";
import { nameUnit } from "./skill";

export const wrapupCodeFile = z.object({ kind: z.literal("wrapupCode"), ...namedFields }).strict();
export const wrapupCode = nameUnit<z.infer<typeof wrapupCodeFile>>(wrapupCodeFile, "wrapup-codes", "RoutingWrapupcode");
