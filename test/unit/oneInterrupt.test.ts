// engine/oneInterrupt.ts: an abort reaches pulumi once, and not at all when pulumi, signalled by the
// terminal itself, said it is cancelling (a second SIGINT would make it terminate at once).
import { CANCELLING, GRACE_MS, oneInterrupt } from "../../engine/oneInterrupt";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("an abort before the engine starts reaches it at once", () => {
  const outer = new AbortController();
  outer.abort();
  expect(oneInterrupt(outer.signal).signal.aborted).toBe(true);
});

test("an abort pulumi did not see (SIGTERM to this process, a program's abort) reaches it after the grace period", () => {
  const outer = new AbortController();
  const i = oneInterrupt(outer.signal);
  i.saw("Updating (local):\n");
  outer.abort();
  jest.advanceTimersByTime(GRACE_MS - 1);
  expect(i.signal.aborted).toBe(false);
  jest.advanceTimersByTime(1);
  expect(i.signal.aborted).toBe(true);
});

test("an abort pulumi saw itself (Ctrl-C to the process group) is not passed on: no second SIGINT", () => {
  const outer = new AbortController();
  const i = oneInterrupt(outer.signal);
  outer.abort();
  i.saw(`${CANCELLING}. If you would like to terminate immediately, press ^C again.\n`);
  jest.advanceTimersByTime(GRACE_MS * 10);
  expect(i.signal.aborted).toBe(false);
});

test("once the run ended, a later abort is not passed on", () => {
  const outer = new AbortController();
  const i = oneInterrupt(outer.signal);
  i.dispose();
  outer.abort();
  jest.advanceTimersByTime(GRACE_MS * 10);
  expect(i.signal.aborted).toBe(false);
});
