// bench/trace.ts: the phases of a traced pulumi run, from OTLP JSON lines.
import { breakdown, parseTrace, updateCalls } from "../../bench/trace";

const line = (service: string, spans: Array<[string, number, number]>) =>
  JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
        scopeSpans: [
          {
            spans: spans.map(([name, s, e]) => ({
              name,
              startTimeUnixNano: String(BigInt(s) * 1_000_000n),
              endTimeUnixNano: String(BigInt(e) * 1_000_000n),
            })),
          },
        ],
      },
    ],
  });

it("splits a pass into engine start, pack start, program start and run, provider start and calls, analysis", () => {
  const text = [
    line("pulumi-cli", [
      ["testConnection", 0, 10],
      ["pulumi-plan", 1000, 9000],
      ["pulumirpc.LanguageRuntime/RunPlugin", 1200, 9000],
      ["pulumirpc.Analyzer/Handshake", 2900, 3000],
      ["pulumirpc.LanguageRuntime/Run", 3000, 8000],
      ["pulumirpc.ResourceMonitor/RegisterResource", 3500, 3600],
      ["pulumirpc.ResourceMonitor/RegisterPackage", 4000, 4001],
      ["pulumirpc.ResourceProvider/Configure", 4200, 4500],
      ["pulumirpc.ResourceProvider/Check", 5000, 5100],
      ["pulumirpc.ResourceProvider/Diff", 5100, 5300],
      ["pulumirpc.Analyzer/Analyze", 5300, 5400],
      ["pulumirpc.Analyzer/AnalyzeStack", 8000, 8500],
    ]),
    // The same call seen from the plugin's side is not counted twice.
    line("terraform-provider", [["pulumirpc.ResourceProvider/Check", 5000, 5100]]),
    "",
  ].join("\n");
  const b = breakdown(parseTrace(text));
  expect(b.totalS).toBe(9);
  expect(b.passes).toBe(1);
  expect(Object.fromEntries(b.phases.map((p) => [p.what.split(" (")[0], p.seconds]))).toEqual({
    "engine start": 1,
    "policy pack start": 1.8,
    "language host and program start": 0.5,
    "program run": 4.5,
    "provider start": 0.5,
    "provider calls": 0.3,
    "policy analysis": 0.6,
  });
});

it("the Update calls of an up's update pass: before, window and after, their median length and how many ran at once (CLI side only)", () => {
  const text = [
    line("pulumi-cli", [
      ["pulumi-plan", 0, 40_000],
      // The preview pass: its Update calls only preview.
      ["pulumirpc.LanguageRuntime/Run", 0, 4_000],
      ["pulumirpc.ResourceProvider/Update", 1_000, 1_001],
      ["pulumirpc.LanguageRuntime/Run", 5_000, 38_000],
      ["pulumirpc.ResourceProvider/Update", 10_000, 26_000],
      ["pulumirpc.ResourceProvider/Update", 10_000, 26_000],
      ["pulumirpc.ResourceProvider/Update", 26_000, 36_000],
    ]),
    line("terraform-provider", [["pulumirpc.ResourceProvider/Update", 10_000, 26_000]]),
  ].join("\n");
  expect(updateCalls(parseTrace(text))).toEqual({
    count: 3,
    beforeS: 10,
    windowS: 26,
    afterS: 4,
    medianS: 16,
    maxAtOnce: 2,
    meanAtOnce: 1.62,
  });
  expect(updateCalls(parseTrace(line("pulumi-cli", [["pulumi-plan", 0, 1000]])))).toBeNull();
});
