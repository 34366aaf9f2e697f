// What `npm run up` prints after a failed run: the engine's errors, not its closing summary.
import { engineErrorSummary } from "../../run/engineErrorSummary";

// The shape of an Automation API CommandError's message (code, stdout, stderr) after a refusal of
// the program, as the waves e2e captured it (docs/waves.md).
const refused = `code: 255
 stdout: Updating (local):
     pulumi:pulumi:Stack genesys-flows-local running
 @ Updating....
     pulumi:pulumi:Stack genesys-flows-local running error: a module rollout in waves refuses this run:
     pulumi:pulumi:Stack genesys-flows-local **failed** 1 error
Diagnostics:
  pulumi:pulumi:Stack (genesys-flows-local):
    error: a module rollout in waves refuses this run:
      flows/calls/c.yaml: field "(the flow)": this up would publish calls/c (its file changed)
      flows/calls/d.yaml: field "(the flow)": this up would publish calls/d (its file changed)

Resources:
    7 unchanged

Duration: 4s

 stderr: error: update failed

 err?: Error: exit status 255
`;

test("the program's refusal with every line under it, once; not the Resources and Duration summary", () => {
  const s = engineErrorSummary(refused);
  expect(s.split("\n")).toEqual([
    "error: a module rollout in waves refuses this run:",
    '  flows/calls/c.yaml: field "(the flow)": this up would publish calls/c (its file changed)',
    '  flows/calls/d.yaml: field "(the flow)": this up would publish calls/d (its file changed)',
  ]);
  expect(s).not.toMatch(/Duration|Resources|update failed/);
});

test("a provider's error on a resource, and the engine's generic line only when nothing says more", () => {
  const providerFailed = `Diagnostics:
  genesyscloud:index:Flow (local-Sales):
    error: 1 error occurred:
    \t* failed to publish flow Sales: 409 flow is locked by Ana

Resources:
    6 unchanged
`;
  expect(engineErrorSummary(providerFailed)).toBe(
    "error: 1 error occurred:\n  * failed to publish flow Sales: 409 flow is locked by Ana",
  );
  expect(engineErrorSummary("code: 255\n stderr: error: preview failed\n")).toBe("error: preview failed");
});

test("with no error line, the last lines as the engine wrote them; a long error is cut with a note", () => {
  expect(engineErrorSummary("something\nbroke here\n\nat the end\n")).toBe("something\nbroke here\nat the end");
  const long = `Diagnostics:\n    error: too many:\n${Array.from({ length: 30 }, (_, i) => `      line ${i}`).join("\n")}\n`;
  const lines = engineErrorSummary(long, 5).split("\n");
  expect(lines).toHaveLength(6);
  expect(lines[5]).toBe("  ... (26 more lines in the engine's output above)");
});
