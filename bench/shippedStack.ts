// An org's stack of this project as shipped (`Pulumi.<stack>.yaml`), for the rounds that deploy as
// a team's org stack does (the cascade, org-first and adoption rounds).
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { stackFileName } from "../model/stackFile";
import { ROOT } from "./flows";

/**
 * What an org's stack of this project sets, as shipped (`Pulumi.<stack>.yaml`): its environment, name
 * prefix, force-unlock and provider settings but the region (the round's emulator is its gateway).
 * The cascade round deploys with these and nothing else, so the provider's pool and processes are
 * the product's defaults.
 */
export function shippedStackSettings(stack: string): {
  environment: unknown;
  namePrefix: string;
  forceUnlock: unknown;
  provider: Record<string, unknown>;
} {
  const file = path.join(ROOT, stackFileName(stack));
  const config = ((YAML.parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null)?.config ??
    {}) as Record<string, unknown>;
  const { region: _region, ...provider } = (config["genesys-flows:provider"] ?? {}) as Record<string, unknown>;
  const namePrefix = config["genesys-flows:namePrefix"];
  if (typeof namePrefix !== "string") throw new Error(`bench: ${file} sets no genesys-flows:namePrefix`);
  return {
    environment: config["genesys-flows:environment"],
    namePrefix,
    forceUnlock: config["genesys-flows:forceUnlock"],
    provider,
  };
}
