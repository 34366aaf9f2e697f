// Placeholders in exports: files written for the Genesys provider (CX-as-Code repositories) hold
// `{{key}}` placeholders the provider fills textually before publishing. check-exports fills them
// the same way, before parsing: a value given with --set, else the key itself (`{{queue_name}}` ->
// `queue_name`, which an org file may then declare). A flow named by a placeholder gets a name of
// its own per file, since publishing upserts by type and name and many exports are all named
// `{{flow_name}}`. Pure.

const FLOW_NAME = /^(\w+:\r?\n(?:(?: {2}.*|\s*)\r?\n)*? {2}name: "?)\{\{([^{}\s]+)\}\}/m;
const PLACEHOLDER = /\{\{([^{}\s]+)\}\}/g;

/** `text` with every `{{key}}` filled; `file` (the export's file name) names a flow called by a placeholder. */
export function fillExportPlaceholders(text: string, file: string, values: Readonly<Record<string, string>> = {}): string {
  const valueOf = (key: string): string | undefined => (Object.hasOwn(values, key) ? values[key] : undefined);
  const named = text.replace(FLOW_NAME, (_m, head: string, key: string) => `${head}${valueOf(key) ?? `${key} (${file.replace(/\.ya?ml$/, "")})`}`);
  return named.replace(PLACEHOLDER, (_m, key: string) => valueOf(key) ?? key);
}
