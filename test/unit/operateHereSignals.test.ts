// tools/deploy.ts operateHere: Ctrl-C stops the operation, and only the operation. The Automation API
// starts pulumi with execa, whose signal-exit re-sends a signal to the process when its own listener
// is the only one left: the command line's listener must still be there then, or Ctrl-C kills the
// command line (and pulumi with it) instead of stopping the run. Run in a real Node.js process.
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

test("a SIGINT while pulumi (here: a child started through execa after the listener) runs aborts the operation; the process lives on", () => {
  const script = `
    const { operateHere } = require(${JSON.stringify(path.join(ROOT, "tools/deploy.ts"))});
    const execa = require("execa");
    operateHere({ command: "up", stack: "local", root: ${JSON.stringify(ROOT)} }, async (_request, { signal }) => {
      const child = execa("sleep", ["30"]);
      child.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      process.kill(process.pid, "SIGINT");
      await new Promise((resolve) => setTimeout(resolve, 500));
      child.kill("SIGKILL");
      console.log("aborted " + signal.aborted);
      return { code: 0 };
    }).then((outcome) => console.log("outcome " + outcome.code));`;
  const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect({ signal: r.signal, status: r.status, stdout: r.stdout.trim().split("\n") }).toEqual({
    signal: null,
    status: 0,
    stdout: ["aborted true", "outcome 0"],
  });
});
