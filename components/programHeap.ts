// The program's heap at thousands of flows. V8 sizes a Node.js process's heap by the machine's
// memory (about 4 GB on a 24 GB machine) and lets garbage build up to well past what is live before
// it collects the old generation: measured in an adoption's first `up` of 5,000 flows, the
// program's heap held 2,163 MB, of which 211 MB were left after one full collection (forced from a
// debugger), and the process peaked at 2,404 MB (the round's record: docs/benchmark.md). V8's
// --optimize-for-size, which a running process can set, makes it grow the heap conservatively
// after each collection; at 1,000 flows it took the program's peak from 720 MB to 446 MB with no
// slower a run (scratch runs of the adoption round's ours' steps, not recorded). Set once
// when the program starts, in the process that runs it (the command line's, or Pulumi's language
// host's for a team's own index.ts).
import { setFlagsFromString } from "node:v8";

/** Makes this process's heap grow conservatively (see above); safe to call more than once. */
export function conserveHeap(): void {
  setFlagsFromString("--optimize-for-size");
}
