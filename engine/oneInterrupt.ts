// One Ctrl-C is one interrupt for pulumi. In a terminal, Ctrl-C sends SIGINT to the whole foreground
// process group: to this process and to the pulumi the Automation API started in it. This process
// stops the run by aborting (the Automation API then sends pulumi a SIGINT of its own), and a
// second SIGINT makes pulumi terminate at once instead of cancelling ("press ^C again"): its plugins
// (the language host, the policy pack) are left running and the operations in flight are not waited
// for. So an abort reaches pulumi only when pulumi has not said it is cancelling already: at once
// when the engine has not started, else after a grace period in which pulumi, signalled by the
// terminal, says so. An abort from elsewhere (SIGTERM to this process alone, a program's
// AbortController, the MCP server) reaches it after that period.

/** What pulumi prints when a SIGINT starts its cancellation. */
export const CANCELLING = "^C received; cancelling";

/** How long an abort waits for pulumi to say it is cancelling on its own before it is passed on. */
export const GRACE_MS = 5_000;

/**
 * The signal to hand the Automation API for `outer`, and `saw(text)` to call with the engine's
 * output: once the output says pulumi is cancelling, an abort of `outer` is not passed on.
 */
export function oneInterrupt(
  outer: AbortSignal,
  graceMs = GRACE_MS,
): { signal: AbortSignal; saw: (text: string) => void; dispose: () => void } {
  const inner = new AbortController();
  let cancelling = false;
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    timer = setTimeout(() => {
      if (!cancelling) inner.abort(outer.reason);
    }, graceMs);
  };
  if (outer.aborted) inner.abort(outer.reason);
  else outer.addEventListener("abort", onAbort, { once: true });
  return {
    signal: inner.signal,
    saw: (text) => {
      if (text.includes(CANCELLING)) cancelling = true;
    },
    dispose: () => {
      outer.removeEventListener("abort", onAbort);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
