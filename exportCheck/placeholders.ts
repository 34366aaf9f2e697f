// Placeholders in exports: files written for the Genesys provider (CX-as-Code repositories) hold
// `{{key}}` placeholders the provider fills textually before publishing. check-exports fills them
// the same way, before parsing: a value given with --set, else the key itself (`{{queue_name}}` ->
// `queue_name`, which an org file may then declare). A flow named by a placeholder gets a name of
// its own per file, since publishing upserts by type and name and many exports are all named
// `{{flow_name}}`. A flow's defaultLanguage given by a placeholder (`{{default_language}}`, as
// exports written for the provider often give it) needs a language, not its key: Archy takes one
// of the flow's supportedLanguages there, so it gets the first the flow lists (en-us when it lists
// none). Pure.

const FLOW_NAME = /^(\w+:\r?\n(?:(?: {2}.*|\s*)\r?\n)*? {2}name: "?)\{\{([^{}\s]+)\}\}/m;
const PLACEHOLDER = /\{\{([^{}\s]+)\}\}/g;
/** The flow's own `defaultLanguage:` (two spaces in, under the flow type) when a placeholder is its whole value. */
const DEFAULT_LANGUAGE = /^( {2}defaultLanguage: *(["']?))\{\{([^{}\s]+)\}\}(\2 *(?:#.*)?)$/m;
/** The first language key under the flow's `supportedLanguages:` (block style, four spaces in). */
const FIRST_SUPPORTED =
  /^ {2}supportedLanguages: *\r?\n(?:(?: *#.*| *)\r?\n)* {4}(["']?)([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\1 *:/m;

/** `text` with every `{{key}}` filled; `file` (the export's file name) names a flow called by a placeholder. */
export function fillExportPlaceholders(
  text: string,
  file: string,
  values: Readonly<Record<string, string>> = {},
): string {
  const valueOf = (key: string): string | undefined => (Object.hasOwn(values, key) ? values[key] : undefined);
  const named = text.replace(
    FLOW_NAME,
    (_m, head: string, key: string) => `${head}${valueOf(key) ?? `${key} (${file.replace(/\.ya?ml$/, "")})`}`,
  );
  const language = named.replace(
    DEFAULT_LANGUAGE,
    (_m, head: string, _quote: string, key: string, tail: string) =>
      `${head}${valueOf(key) ?? FIRST_SUPPORTED.exec(named)?.[2] ?? "en-us"}${tail}`,
  );
  return language.replace(PLACEHOLDER, (_m, key: string) => valueOf(key) ?? key);
}
