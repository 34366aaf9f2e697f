// Proves that the provider's substitution (plain `{{key}}` text replacement in the compiled
// file) yields exactly the flow the model describes with those values, and fingerprints
// compiled content. Pure.
import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { FlowLoadError } from "../model/errors";
import { applySubstitutions } from "../model/placeholders";
import { parseArchyYaml } from "./archyYaml";

export interface RenderReference {
  /** Flow file and flow name, for messages. */
  file: string;
  flow: string;
  /**
   * Compiles the model after structural substitution (values put into the model's strings,
   * then compiled, so the serializer quotes them). Called with the full map, and with one key
   * at a time to find which value is at fault.
   */
  compileWith: (substitutions: Readonly<Record<string, string>>) => string;
}

/** Why a value cannot be inserted verbatim into a double-quoted YAML scalar, in plain words. */
export function unsafeReason(value: string): string {
  if (value.includes('"')) return 'it contains a double quote (")';
  if (value.includes("\\")) return "it contains a backslash (\\)";
  if (/[\r\n]/.test(value)) return "it contains a line break";
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) return "it contains a control character";
  return "it changes the structure of the compiled YAML";
}

function renders(template: string, subs: Readonly<Record<string, string>>, expectedYaml: string): boolean {
  let actual: unknown;
  try {
    actual = parseArchyYaml(applySubstitutions(template, subs));
  } catch {
    return false;
  }
  return isDeepStrictEqual(actual, parseArchyYaml(expectedYaml));
}

/**
 * The provider's exact text replacement of `{{key}}` in `template`, checked: the result must
 * parse and equal the structurally substituted compile. Otherwise throws a FlowLoadError naming
 * the flow, the substitution key and why (e.g. its value contains a quote or a line break).
 */
export function renderWithSubstitutions(
  template: string,
  substitutions: Readonly<Record<string, string>>,
  reference: RenderReference,
): string {
  const rendered = applySubstitutions(template, substitutions);
  // Nothing to insert (no `{{key}}` of these substitutions in the file): the provider uploads the
  // template as it is, which the compiler wrote, so there is nothing to prove.
  if (rendered === template) return rendered;
  if (renders(template, substitutions, reference.compileWith(substitutions))) return rendered;
  const keys = Object.keys(substitutions).sort();
  const culprits = keys.filter((k) => {
    const one = { [k]: substitutions[k] };
    return !renders(template, one, reference.compileWith(one));
  });
  const blamed = culprits.length > 0 ? culprits : keys;
  throw new FlowLoadError(
    blamed.map((k) => ({
      file: reference.file,
      flow: reference.flow,
      message: `substitution "${k}": its value cannot be inserted safely into the compiled YAML because ${unsafeReason(substitutions[k])}; the provider inserts values verbatim, so change the value in the stack config`,
    })),
  );
}

/** SHA-256 (hex) of compiled YAML: the revision callers use to republish when the module changes. */
export function moduleRevision(compiledModuleYaml: string): string {
  return createHash("sha256").update(compiledModuleYaml, "utf8").digest("hex");
}
