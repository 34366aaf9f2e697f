// Reads computed once: a run's own (`once`, run/stackRun.ts) and a feature's reads of a run
// (`perRun`, run/<feature>/), each kept for as long as the run lives.

/** `f`, computed on its first call and kept. */
export const once = <T>(f: () => T): (() => T) => {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
};

/** A read of a run computed once per run: how a feature (run/<feature>/) keeps its reads of a run. */
export function perRun<Run extends object, T>(read: (run: Run) => T): (run: Run) => T {
  const kept = new WeakMap<Run, T>();
  return (run) => {
    if (!kept.has(run)) kept.set(run, read(run));
    return kept.get(run) as T;
  };
}
