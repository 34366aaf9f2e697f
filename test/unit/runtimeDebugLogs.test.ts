// components/runtimeDebugLogs.ts: the program turns off @pulumi/pulumi's runtime debug messages
// (what runtime/resource.js calls through its log module), unless GENESYS_FLOWS_PULUMI_DEBUG keeps them.
import * as pulumi from "@pulumi/pulumi";
import { quietRuntimeDebugLogs } from "../../components/runtimeDebugLogs";

// The module object the runtime's own files call (`require("../log")` in runtime/resource.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeLog = require("@pulumi/pulumi/log") as { debug: (msg: string) => Promise<void> };

describe("the runtime's debug messages", () => {
  const original = runtimeLog.debug;
  let sent: string[];
  beforeEach(() => {
    sent = [];
    Object.assign(runtimeLog, { debug: (msg: string) => (sent.push(msg), Promise.resolve()) });
  });
  afterAll(() => Object.assign(runtimeLog, { debug: original }));

  test("go nowhere once the program quiets them: the log module the runtime calls is the one changed", async () => {
    expect(pulumi.log).toBe(runtimeLog);
    quietRuntimeDebugLogs({});
    await runtimeLog.debug("Reading resource: t=genesyscloud:index/flow:Flow, name=f");
    expect(sent).toEqual([]);
  });

  test("are kept when GENESYS_FLOWS_PULUMI_DEBUG is set", async () => {
    quietRuntimeDebugLogs({ GENESYS_FLOWS_PULUMI_DEBUG: "1" });
    await runtimeLog.debug("Reading resource: t=genesyscloud:index/flow:Flow, name=f");
    expect(sent).toEqual(["Reading resource: t=genesyscloud:index/flow:Flow, name=f"]);
  });
});
