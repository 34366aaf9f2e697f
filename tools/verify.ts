// `npm run verify`: what the org really runs, compared with what the stack last deployed (with
// `--validate`, also what Architect's own validator says of each deployed flow now); and
// `--impact`: what deploying the flow files now would republish, and who outside the stack calls
// a changing module. Also run by `npm start`, `npm run up` (verify, after the deploy) and
// `npm run preview` (impact, and the org facts the policy pack reads).
import * as fs from "node:fs";
import * as path from "node:path";
import { FlowLoadError } from "../model/errors";
import type { StackSettings } from "../planner/stackSettings";
import { readStackSettings } from "../project/stackFile";
import {
  renderImpactJson,
  renderImpactMarkdown,
  renderImpactText,
  renderVerifyJson,
  renderVerifyText,
} from "../verify/render";
import { commandArgs, UsageError } from "../project/cliArgs";
import { projectDir } from "../project/root";

const ROOT = projectDir();

import { stackImpact, verifyStack, VerifyUnavailable, type StackContext } from "../run/verifyStack";

export const HELP = `Usage: npm run verify -- --stack <s> [--validate] [--versions] [--format text|json] [--out <file>] [--clock-skew <seconds>]
       npm run verify -- --stack <s> --impact [--format text|json|markdown] [--out <file>]

Reads the org the stack deploys to (its region or gateway and credentials, like its provider) and
compares it with what the stack last deployed (its Pulumi state):
  - every flow of the stack that calls a module runs the module's published version
    (Genesys's dependency tracking says which module version each published flow consumed);
  - modules compiled into modules (Genesys tracks no dependency between them) were last published
    with the revision of the inner module the stack deployed;
  - flows outside the stack calling the stack's modules (name, type, version, stale or current);
  - drift: flows of the stack published after the stack last deployed them (edited in Architect).
With --validate, also what Genesys's own validator says of each deployed flow as the org is now
(an Architect validate job per flow: a queue or data action deleted since the deploy is an error).
Exit codes: 0 every flow runs what the stack deployed, 1 a stale, missing or drifted flow of the
stack (or an error of Architect's validator), 2 usage errors, 3 the state or the org could not be
read.

--impact: what deploying the flow files now republishes (in the stack), and which flows outside the
stack call a module that changes and will keep the version they run (the Pulumi program reads the
same for the policy pack's rule module-outside-callers).

Options:
  --stack <s>            the stack (default local)
  --validate             ask Architect's validator about every flow the stack deployed (validate
                         jobs; the OAuth client needs architect:jobValidate:create and :view)
  --versions             read every deployed flow's version list (a request or more per flow): the
                         versions of people's that any earlier deploy overwrote. Without it, verify
                         reads the flows 50 a request, and the version lists of those that show
                         people's work now (a version since the deploy, a lock, a newer draft),
                         that the stack file acknowledges, or whose version numbers skip one the
                         stack's releases did not record (a version the stack overwrote)
  --format <f>           text (default), json, or for --impact also markdown
  --out <file>           write the report there instead of standard output
  --clock-skew <s>       seconds a publish may follow Pulumi's record of the deploy and still be the
                         stack's own (clocks differ between machines; default 2)
  -h, --help             show this help
`;

const VERIFY_OPTIONS = {
  stack: { type: "string", short: "s" },
  impact: { type: "boolean" },
  validate: { type: "boolean" },
  versions: { type: "boolean" },
  format: { type: "string" },
  out: { type: "string" },
  "clock-skew": { type: "string" },
  root: { type: "string" },
} as const;

export async function main(
  argv: string[],
  io = { out: process.stdout, err: process.stderr },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const parsed = commandArgs(argv, VERIFY_OPTIONS, { command: "verify", help: HELP, io }, (args) => {
    const formats = args.impact ? ["text", "json", "markdown"] : ["text", "json"];
    if (args.format !== undefined && !formats.includes(args.format))
      throw new UsageError(
        `--format must be ${formats.join(" or ")}${args.impact ? "" : " (markdown is for --impact)"}, not "${args.format}"`,
      );
    if ((args.validate || args.versions) && args.impact)
      throw new UsageError(
        `--${args.validate ? "validate" : "versions"} asks about what the org runs now; --impact is about a deploy to come: use one or the other`,
      );
    if (args["clock-skew"] !== undefined && !/^\d+(\.\d+)?$/.test(args["clock-skew"]))
      throw new UsageError(`--clock-skew takes seconds, not "${args["clock-skew"]}"`);
  });
  if (typeof parsed === "number") return parsed;
  const args = parsed.values;
  const root = path.resolve(args.root ?? ROOT);
  const stack = args.stack ?? "local";
  const format = args.format ?? "text";
  let settings: StackSettings;
  try {
    settings = readStackSettings(root, stack);
  } catch (e) {
    if (e instanceof FlowLoadError) {
      io.err.write(`verify: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  // The local stack's org is the emulator: start it (with its org file) when it is not running.
  let stopEmulator: (() => Promise<void>) | undefined;
  if (stack === "local" && settings.provider.gateway?.host === "127.0.0.1") {
    const { ensureEmulator } = await import("../emulator/localStack");
    const e = await ensureEmulator(settings);
    if (e.started) stopEmulator = () => e.started!.stop();
  }
  const ctx: StackContext = { root, stack, settings, env };
  const write = (text: string) => {
    if (args.out !== undefined) {
      fs.writeFileSync(path.resolve(args.out), text);
      io.err.write(`wrote ${path.resolve(args.out)}\n`);
    } else io.out.write(text);
  };
  try {
    if (args.impact) {
      const { impact } = await stackImpact(ctx);
      write(
        format === "json"
          ? renderImpactJson(impact)
          : format === "markdown"
            ? renderImpactMarkdown(impact)
            : renderImpactText(impact),
      );
      return 0;
    }
    const report = await verifyStack(ctx, {
      clockSkewMs: args["clock-skew"] !== undefined ? Number(args["clock-skew"]) * 1000 : undefined,
      validate: args.validate === true,
      allVersions: args.versions === true,
    });
    write(format === "json" ? renderVerifyJson(report) : renderVerifyText(report));
    return report.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof VerifyUnavailable) {
      io.err.write(`verify: could not verify stack "${stack}": ${e.message}${e.fix ? `\n  Fix: ${e.fix}` : ""}\n`);
      return 3;
    }
    if (e instanceof FlowLoadError) {
      io.err.write(`verify: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await stopEmulator?.();
  }
}
