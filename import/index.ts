// Importing Archy into the flow model (an export file, or a flow of an org): pure cores; the CLI
// (tools/importFlows.ts) reads files and talks to the org.
export { importArchyText, sum, type ImportResult } from "./archyToModel";
export { ImportError } from "./errors";
export { modelYaml } from "./modelYaml";
