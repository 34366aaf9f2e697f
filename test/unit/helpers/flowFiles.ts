// Shared by the unit tests: the project's own files and the FlowLoadError message of a call.
import { readFileSync } from "fs";
import { join } from "path";
import YAML from "yaml";
import { FlowLoadError } from "../../../components/model/errors";
import { parseStackConfig, type StackConfig } from "../../../components/stackConfig";

export const ROOT = join(__dirname, "..", "..", "..");

/** Reads a project file by its path as written in stack config (`flows/sales.yaml`). */
export const diskReader = (file: string): string => readFileSync(join(ROOT, file), "utf8");

/** The validated `genesys-flows:*` config of `Pulumi.<stack>.yaml`. */
export const stackConfig = (stack: string): StackConfig =>
  parseStackConfig(YAML.parse(diskReader(`Pulumi.${stack}.yaml`)).config, `Pulumi.${stack}.yaml`);

/** The message of the FlowLoadError `f` throws; fails the test when it throws nothing or something else. */
export function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FlowLoadError);
    return (e as FlowLoadError).message;
  }
  throw new Error("expected a FlowLoadError");
}
