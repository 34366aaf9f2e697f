// jest's global setup of the exports tier (jest.config.js): the one line a run without real exports
// prints, saying how to give them. The exports and mutation tiers then run on the repository's own
// exports only (testkit/corpus.ts).
import { corpusFolders, NO_CORPUS } from "./corpus";

export default function corpusNotice(): void {
  if (corpusFolders().length === 0)
    process.stdout.write(`\n[exports, mutation tiers] ${NO_CORPUS}; they ran on the repository's own exports only\n`);
}
