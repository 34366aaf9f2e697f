// Quiet by default: what `npm start` and `npm run up` print around the engine. The engine's own
// display less its lines that say nothing (engine/quietDisplay.ts), whatever chunks it arrives in;
// an up that changed nothing says so in one line (run/operationReports.ts formatSummary); verify after an
// up is its verdict when it found nothing, the whole report otherwise (verify/render.ts). The
// count of lines on a deployed stack, with the real engine, is in test/e2e/runAccount.test.ts.
import fc from "fast-check";
import { quietDisplay } from "../../engine/quietDisplay";
import { formatSummary } from "../../run/operationReports";
import { renderVerifyAfterUp, renderVerifyText } from "../../verify/render";
import type { VerifyReport } from "../../verify/report";

/** What Pulumi 3 printed for an up of the shipped portfolio that changed nothing (its non-interactive display). */
const NO_OP = [
  "Updating (local):",
  "Loading policy packs...: starting",
  "Loading policy packs...: done",
  "",
  "    pulumi:pulumi:Stack genesys-flows-local running ",
  "    pulumi:pulumi:Stack genesys-flows-local  ",
  "Policies:",
  "    ✅ genesys-flows@v0.1.0 (local: /work/policies)",
  "",
  "Resources:",
  "    32 unchanged",
  "",
  "Duration: 2s",
  "",
  "",
].join("\n");

const shown = (chunks: readonly string[]): string => {
  let out = "";
  const d = quietDisplay((t) => (out += t));
  for (const c of chunks) d.write(c);
  d.end();
  return out;
};

describe("the engine's display", () => {
  it("keeps what says something: the policy packs' verdict, the counts, the duration; not the loading, the stack's bare lines or repeated blank lines", () => {
    expect(shown([NO_OP])).toBe(
      "Updating (local):\n\nPolicies:\n    ✅ genesys-flows@v0.1.0 (local: /work/policies)\n\nResources:\n    32 unchanged\n\nDuration: 2s\n\n",
    );
  });

  it("keeps every resource the engine changes, the stack's own changes, its diagnostics", () => {
    const run = [
      " ~  genesyscloud:index:Flow calls/sales updating (0s) [diff: ~updateTriggerHash]",
      " +  pulumi:pulumi:Stack genesys-flows-local created (7s) ",
      '    pulumi:pulumi:Stack genesys-flows-local running error: the org stack "local" belongs to ...',
      "Diagnostics:",
      "  pulumi:pulumi:Stack (genesys-flows-local):",
      "    error: Stopped before anything was published",
      "",
    ].join("\n");
    expect(shown([run])).toBe(run);
  });

  it("the same lines whatever chunks the text arrives in (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: NO_OP.length }), { maxLength: 12 }), (cuts) => {
        const at = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i) => NO_OP.slice(from, [...at, NO_OP.length][i]));
        expect(shown(chunks)).toBe(shown([NO_OP]));
      }),
      { numRuns: 50 },
    );
  });
});

describe("what an up prints after the engine", () => {
  const flows = [
    {
      id: "modules/lookup",
      file: "flows/modules/lookup.yaml",
      kind: "commonModule",
      name: "local-Lookup",
      flowId: "f-1",
    },
    {
      id: "calls/sales",
      file: "flows/calls/sales.yaml",
      kind: "inboundCall",
      name: "local-Sales",
      flowId: "f-2",
      calls: ["local-Lookup"],
    },
  ];
  it("an up that changed nothing says so in one line, naming the flows", () => {
    expect(
      formatSummary({
        stack: "local",
        target: "the emulator at http://127.0.0.1:8787",
        flows,
        changes: { same: 32 },
        preview: false,
      }),
    ).toBe(
      'Nothing changed: stack "local" on the emulator at http://127.0.0.1:8787 runs what it deployed before (2 flows: local-Lookup, local-Sales).',
    );
  });
  it("an up that changed something lists what is deployed, one row a flow", () => {
    const text = formatSummary({
      stack: "local",
      target: "the emulator",
      flows,
      changes: { same: 28, update: 4 },
      preview: false,
    });
    expect(text.split("\n")).toEqual([
      'Deployed stack "local" to the emulator:',
      "  module  local-Lookup  f-1  flows/modules/lookup.yaml",
      "  call    local-Sales   f-2  flows/calls/sales.yaml     calls local-Lookup",
    ]);
    expect(formatSummary({ stack: "local", target: "the emulator", flows, preview: false })).toBe(text); // no summary from the engine: the table
  });
});

describe("verify after an up", () => {
  const report = (over: Partial<VerifyReport> = {}): VerifyReport => ({
    stack: "local",
    target: "gateway http://127.0.0.1:8787",
    flowsChecked: 7,
    modules: [
      {
        id: "modules/lookup",
        flowId: "f-1",
        publishedName: "local-Lookup",
        file: "flows/modules/lookup.yaml",
        publishedVersion: "1.0",
        callers: [
          {
            id: "calls/sales",
            flowId: "f-2",
            publishedName: "local-Sales",
            file: "flows/calls/sales.yaml",
            moduleVersion: "1.0",
            status: "current",
          },
        ],
        embeddedIn: [],
        outsideCallers: [],
      },
    ],
    dependencyTracking: { status: "OPERATIONAL" },
    drift: [],
    findings: [],
    ok: true,
    ...over,
  });
  it("nothing found: its first line and its verdict, with the command that shows the rest", () => {
    expect(renderVerifyAfterUp(report(), "npm run verify -- --stack local")).toBe(
      'Verified stack "local" against gateway http://127.0.0.1:8787: 7 flows, 1 module; dependency tracking OPERATIONAL.\n' +
        "OK: every flow of the stack runs what the stack deployed, and every caller in the stack runs its module's published version (npm run verify -- --stack local shows each module's callers).\n",
    );
  });
  it("a finding or a failure: the whole report", () => {
    const failed = report({
      ok: false,
      findings: [
        {
          code: "stale-caller",
          severity: "error",
          flow: "local-Sales",
          file: "flows/calls/sales.yaml",
          message: "runs module version 1.0, not 2.0",
          fix: "npm start",
        },
      ],
    });
    expect(renderVerifyAfterUp(failed, "npm run verify -- --stack local")).toBe(renderVerifyText(failed));
  });
});
