// Issue 29's traps, one case each, asserting the exact refusal and where it points, or that a value
// survives exactly: values are not changed on the way (integers beyond 2^53, module variables
// compiled in place, a bot's intents), and compiled size stays linear in the model's (a long
// flow, a run of if/else steps, in every layout), and the project's readers read nothing outside
// the project (links out, link loops), one test per reader.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { compileFlow, parseArchyYaml } from "../../compiler";
import { actionBranches } from "../../archy/branches";
import { FlowLoadError } from "../../model/errors";
import { parseFlowText } from "../../model/load";
import { planPortfolio } from "../../planner/portfolio";
import { parseStackSettings } from "../../planner/stackSettings";
import { findFlowFiles, readFlowSources } from "../../project/flowFiles";
import { runLint } from "../../tools/lintFlows";
import { readStackSettings } from "../../project/stackFile";
import { readRoutingSources } from "../../project/routingFiles";
import { describeValue } from "../../model/location";
import { settings } from "../../testkit/portfolio";

function loadError(text: string, file = "flows/x.yaml"): FlowLoadError {
  try {
    parseFlowText(text, file);
  } catch (e) {
    if (e instanceof FlowLoadError) return e;
    throw e;
  }
  throw new Error("the flow loaded");
}

describe("values survive exactly", () => {
  test("an integer literal beyond 2^53 is refused at its line, not rounded", () => {
    const text = [
      "kind: inboundCall",
      "name: Big",
      "variables:",
      "  n: {type: integer, initial: 9007199254740993}",
      "start: Bye",
      "nodes:",
      "  Bye: {type: disconnect}",
    ].join("\n");
    const e = loadError(text);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ file: "flows/x.yaml", line: 4, column: 31 });
    expect(e.issues[0].message).toBe(
      'the integer 9007199254740993 is beyond ±9007199254740991 and would be read as 9007199254740992; write a smaller integer, or quote it ("9007199254740993") where text is meant',
    );
  });

  test("the largest exact integers, a quoted big number and a big decimal load unchanged", () => {
    const text = [
      "kind: inboundCall",
      "name: Edge",
      "variables:",
      "  a: {type: integer, initial: 9007199254740991}",
      "  b: {type: integer, initial: -9007199254740991}",
      '  c: {type: string, initial: "9007199254740993"}',
      "  d: {type: decimal, initial: 1.5e300}",
      "start: Bye",
      "nodes:",
      "  Bye: {type: disconnect}",
    ].join("\n");
    const flow = parseFlowText(text, "flows/x.yaml");
    expect(flow.model.variables).toMatchObject({
      a: { initial: 9007199254740991 },
      b: { initial: -9007199254740991 },
      c: { initial: "9007199254740993" },
      d: { initial: 1.5e300 },
    });
  });

  test("a module variable named like a compiled-in-place one does not make the flow declare a variable twice", () => {
    // Module Outer calls Inner at node "Call": Inner's variable "x" would be compiled in place as
    // Common.Call_x, which Outer declares itself with another type.
    const inner = [
      "kind: commonModule",
      "name: Inner",
      "compatibleFlowTypes: [inboundCall]",
      "variables: {x: {type: integer}}",
      "start: Set",
      "nodes:",
      '  Set: {type: setVariable, variable: x, value: "1", transitions: {next: Done}}',
      "  Done: {type: return, outcome: completed}",
    ].join("\n");
    const outer = [
      "kind: commonModule",
      "name: Outer",
      "compatibleFlowTypes: [inboundCall]",
      "variables: {Call_x: {type: string}}",
      "start: Call",
      "nodes:",
      "  Call: {type: subflow, module: Inner, transitions: {completed: Keep, error: Keep}}",
      '  Keep: {type: setVariable, variable: Call_x, value: "\\"kept\\"", transitions: {next: Done}}',
      "  Done: {type: return, outcome: completed}",
    ].join("\n");
    const p = planPortfolio({
      stack: "test",
      settings: settings({}),
      sources: [
        { id: "modules/inner", file: "flows/modules/inner.yaml", text: inner },
        { id: "modules/outer", file: "flows/modules/outer.yaml", text: outer },
      ],
    });
    const compiled = parseArchyYaml(p.flows.find((f) => f.id === "modules/outer")!.templateYaml) as {
      commonModule: { variables: Array<Record<string, { name: string }>> };
    };
    const names = compiled.commonModule.variables.map((v) => Object.values(v)[0].name);
    expect(names.filter((n) => n === "Common.Call_x")).toHaveLength(1);
    expect(names).toContain("Common.Call_2_x");
    expect(new Set(names).size).toBe(names.length);
  });

  test("a bot's intents are transitions by name: reordering them does not rewire the flow", () => {
    const intents = (order: string[]) => ({
      askForIntent: { name: "Ask", outputs: { intents: order.map((name) => ({ intent: { name, actions: [] } })) } },
    });
    const names = (order: string[]) => actionBranches(intents(order)).map((b) => b.name);
    expect(names(["Book a flight", "Cancel"])).toEqual(["intent_Book_a_flight", "intent_Cancel"]);
    expect(names(["Cancel", "Book a flight"])).toEqual(["intent_Cancel", "intent_Book_a_flight"]);
    // Unnamed list items (a switch's cases, tried in order) keep their position in their name.
    expect(
      actionBranches({
        switch: {
          evaluate: {
            firstTrue: { cases: [{ case: { value: { exp: "true" }, actions: [] } }], default: { actions: [] } },
          },
        },
      }).map((b) => b.name),
    ).toEqual(["case1", "default"]);
  });
});

describe("compiled size stays linear in the model's", () => {
  const kindHeader = (kind: string) => [
    `kind: ${kind}`,
    "name: Big",
    ...(kind === "commonModule" ? ["compatibleFlowTypes: [inboundCall]"] : []),
    "variables: {x: {type: integer, initial: 0}}",
  ];
  const end = (kind: string) =>
    kind === "commonModule" ? "  done: {type: return, outcome: completed}" : "  done: {type: disconnect}";
  const scope = (kind: string) => (kind === "commonModule" ? "Common" : "Flow");
  const ratio = (model: string) => {
    const compiled = compileFlow(parseFlowText(model, "flows/big.yaml"), { publishedName: "Big", modules: new Map() });
    expect(() => YAML.parse(compiled)).not.toThrow();
    return compiled.length / model.length;
  };

  // One kind of each compiled layout: start-up task actions (module, in-queue), tasks, states, bots.
  test.each(["commonModule", "inQueueCall", "inboundCall", "inboundEmail", "workflow", "digitalBot"])(
    "a 3,000-node linear %s compiles within 3x its model's size",
    (kind) => {
      const lines = [...kindHeader(kind), "start: n0", "nodes:"];
      for (let i = 0; i < 3000; i++)
        lines.push(
          `  n${i}: {type: setVariable, variable: x, value: "${i}", transitions: {next: ${i + 1 < 3000 ? `n${i + 1}` : "done"}}}`,
        );
      lines.push(end(kind));
      expect(ratio(lines.join("\n"))).toBeLessThan(3);
    },
  );

  test.each(["commonModule", "inboundEmail", "workflow", "inQueueCall"])(
    "a %s of 50 consecutive if/else steps compiles within 3x its model's size",
    (kind) => {
      const lines = [...kindHeader(kind), "start: d0", "nodes:"];
      for (let i = 0; i < 50; i++) {
        const next = i + 1 < 50 ? `d${i + 1}` : "done";
        lines.push(
          `  d${i}:`,
          "    type: decision",
          `    expression: "${scope(kind)}.x > ${i}"`,
          `    transitions: {yes: a${i}, no: b${i}}`,
          `  a${i}:`,
          "    type: setVariable",
          "    variable: x",
          `    value: "${i}"`,
          `    transitions: {next: ${next}}`,
          `  b${i}:`,
          "    type: setVariable",
          "    variable: x",
          `    value: "${i + 100}"`,
          `    transitions: {next: ${next}}`,
        );
      }
      lines.push(end(kind));
      expect(ratio(lines.join("\n"))).toBeLessThan(3);
    },
  );

  test("a flow whose shared nodes would multiply its size is refused naming the node repeated most", () => {
    // Two ladders whose rungs cross: every step's two paths reach both nodes of the next step, so
    // no meeting node can follow a branching action, and without reusable tasks (a module has
    // none) each step doubles the copies.
    const lines = [...kindHeader("commonModule"), "start: a0", "nodes:"];
    for (let i = 0; i < 14; i++) {
      const [a, b] = i + 1 < 14 ? [`a${i + 1}`, `b${i + 1}`] : ["done", "done"];
      lines.push(
        `  a${i}: {type: decision, expression: "Common.x > ${i}", transitions: {yes: ${a}, no: ${b}}}`,
        `  b${i}: {type: decision, expression: "Common.x < ${i}", transitions: {yes: ${a}, no: ${b}}}`,
      );
    }
    lines.push(end("commonModule"));
    const flow = parseFlowText(lines.join("\n"), "flows/big.yaml");
    let error: FlowLoadError | undefined;
    try {
      compileFlow(flow, { publishedName: "Big", modules: new Map() });
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
      error = e;
    }
    expect(error?.issues[0].message).toMatch(
      /^compiling would emit more than 2000 node copies for 29 nodes \(nodes reached from several places are repeated in each branch; node "done" alone \d+ times\); simplify the flow so fewer paths share the same nodes$/,
    );
  });
});

describe("what Genesys refuses is refused here", () => {
  const flow = (name: string) =>
    ["kind: inboundCall", `name: ${name}`, "start: Bye", "nodes:", "  Bye: {type: disconnect}"].join("\n");

  test("a namePrefix with a slash is refused at the stack file's key", () => {
    let message = "";
    try {
      parseStackSettings({ environment: "dev", namePrefix: "dev/" }, "Pulumi.dev.yaml");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("Pulumi.dev.yaml");
    expect(message).toContain("namePrefix");
    expect(message).toContain(
      "no slash (/): Genesys refuses it in flow names, and the prefix starts every published name",
    );
  });

  test("a published name over 200 characters (prefix and name) is refused at the flow's name", () => {
    const name = "N".repeat(190);
    let error: FlowLoadError | undefined;
    try {
      planPortfolio({
        stack: "test",
        settings: settings({ namePrefix: "environment-" }),
        sources: [{ id: "calls/long", file: "flows/calls/long.yaml", text: flow(name) }],
      });
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
      error = e;
    }
    expect(error?.issues).toHaveLength(1);
    expect(error?.issues[0]).toMatchObject({ file: "flows/calls/long.yaml", field: "name" });
    const long = `published name "environment-${"N".repeat(68)}..." is 202 characters long`;
    expect(error?.issues[0].message).toContain(`${long}; the maximum length of a flow name is 200 characters`);
  });

  test.each([
    [
      "Mars/Olympus_Mons",
      '"Mars/Olympus_Mons" is not an IANA time zone name (e.g. America/Chicago, Europe/London, UTC)',
    ],
    ["america/chicago", 'time zone "america/chicago" is written "America/Chicago"'],
  ])("the schedule time zone %s is refused at its field", (zone, message) => {
    const text = [
      "kind: inboundCall",
      "name: Hours",
      "start: Open",
      "nodes:",
      `  Open: {type: schedule, schedule: Hours, timeZone: ${zone}, transitions: {open: Bye, closed: Bye}}`,
      "  Bye: {type: disconnect}",
    ].join("\n");
    const e = loadError(text);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ node: "Open", field: "timeZone" });
    expect(e.issues[0].message).toContain(message);
  });

  test("known time zones, aliases included, load", () => {
    for (const zone of ["America/Chicago", "UTC", "Europe/London", "US/Eastern", "Etc/GMT+5"]) {
      const text = [
        "kind: inboundCall",
        "name: Hours",
        "start: Open",
        "nodes:",
        `  Open: {type: schedule, schedule: Hours, timeZone: ${zone}, transitions: {open: Bye, closed: Bye}}`,
        "  Bye: {type: disconnect}",
      ].join("\n");
      expect(() => parseFlowText(text, "flows/x.yaml")).not.toThrow();
    }
  });
});

describe("text and expression fields", () => {
  test("plain text in an expression field is refused with how to write literal text", () => {
    const text = [
      "kind: inboundShortMessage",
      "name: Chat",
      "start: Hi",
      "nodes:",
      "  Hi: {type: sendResponse, message: Thanks for your message, transitions: {next: Bye}}",
      "  Bye: {type: disconnect}",
    ].join("\n");
    let error: FlowLoadError | undefined;
    try {
      planPortfolio({
        stack: "test",
        settings: settings({}),
        sources: [{ id: "digital/chat", file: "flows/digital/chat.yaml", text }],
      });
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
      error = e;
    }
    const issue = error?.issues.find((i) => i.node === "Hi");
    expect(issue).toMatchObject({ file: "flows/digital/chat.yaml", node: "Hi", field: "message" });
    expect(issue?.message).toContain(
      `this field is an Architect expression: for literal text write it in double quotes, in YAML '"Thanks for your message"'`,
    );
  });

  test("a play message speaks an expression through audio (a variable's value read out)", () => {
    const text = [
      "kind: inboundCall",
      "name: Say",
      'variables: {balance: {type: string, initial: "12"}}',
      "start: Say",
      "nodes:",
      '  Say: {type: playMessage, audio: "ToAudioTTS(\\"Your balance is \\" + Flow.balance)", transitions: {next: Bye}}',
      "  Bye: {type: disconnect}",
    ].join("\n");
    const yaml = compileFlow(parseFlowText(text, "flows/calls/say.yaml"), { publishedName: "Say", modules: new Map() });
    expect(yaml).toContain('exp: ToAudioTTS("Your balance is " + Flow.balance)');
  });
});

describe("friendly edges", () => {
  test("the command line without its npm packages says which command installs them, with no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "gf-no-modules-"));
    try {
      mkdirSync(join(dir, "bin"));
      copyFileSync(join(__dirname, "../../bin/genesys-flows"), join(dir, "bin/genesys-flows"));
      const r = spawnSync(process.execPath, [join(dir, "bin/genesys-flows"), "--help"], { encoding: "utf8" });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        `genesys-flows: the npm packages are not installed for ${dir}: run \`npm ci\` in your project (about a minute), or \`npm run setup\` to build the Pulumi toolchain too.\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a toolchain build is announced once, before the first build starts", () => {
    // lib.sh's build() with a stand-in `go` on PATH that writes the binary at once.
    const dir = mkdtempSync(join(tmpdir(), "gf-announce-"));
    try {
      mkdirSync(join(dir, "fakebin"));
      mkdirSync(join(dir, "mod"));
      writeFileSync(
        join(dir, "fakebin/go"),
        '#!/bin/sh\nif [ "$1" = env ]; then echo go1.26.0; exit 0; fi\nwhile [ "$1" != "-o" ]; do shift; done\ntouch "$2"\n',
        { mode: 0o755 },
      );
      const script = [
        `here=${JSON.stringify(dir)}`,
        "quiet=1",
        "RERUN=x",
        `GENESYS_FLOWS_CACHE=${JSON.stringify(join(dir, "cache"))}`,
        `source ${JSON.stringify(join(__dirname, "../../tools/toolchain/lib.sh"))}`,
        'build one mod ./x one "" "$here/out1"',
        'build two mod ./x two "" "$here/out2"',
      ].join("\n");
      const r = spawnSync("bash", ["-c", script], {
        encoding: "utf8",
        env: { ...process.env, PATH: `${join(dir, "fakebin")}:${process.env.PATH}`, GENESYS_FLOWS_BUILD_ANNOUNCED: "" },
      });
      // With its output: a failure here once, while a real toolchain build ran beside it, said only "1".
      expect({ status: r.status, stderr: r.status === 0 ? "" : r.stderr }).toEqual({ status: 0, stderr: "" });
      const lines = r.stderr.trim().split("\n");
      expect(lines[0]).toMatch(
        /^\[setup\] the Pulumi toolchain is incomplete on this machine: building what is missing from the Go module proxy now \(once per machine/,
      );
      expect(lines.slice(1).map((l) => l.replace(/ \(first time.*$| in \d+s$/, ""))).toEqual([
        "[setup] building one",
        "[setup] built one",
        "[setup] building two",
        "[setup] built two",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("nothing outside the project is read", () => {
  const SECRET = "root:x:0:0:the secret line of a file outside the project";
  let outside: string;
  let project: string;
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), "gf-outside-"));
    project = mkdtempSync(join(tmpdir(), "gf-project-"));
    writeFileSync(join(outside, "passwd"), `${SECRET}\n`);
    mkdirSync(join(project, "flows"));
    writeFileSync(join(project, "flows/ok.yaml"), "name: Ok\n");
  });
  afterEach(() => {
    rmSync(outside, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  });
  const messagesOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof FlowLoadError) return e.issues.map((i) => `${i.file}: ${i.message}`);
      throw e;
    }
    throw new Error("nothing was refused");
  };

  test("flow files: a link to a file outside is refused by its name, and what it points at is never quoted", () => {
    symlinkSync(join(outside, "passwd"), join(project, "flows/evil.yaml"));
    const messages = messagesOf(() => readFlowSources(project));
    expect(messages).toEqual([
      "flows/evil.yaml: is a link to a file outside the project; only files inside the project are read",
    ]);
    expect(messages.join("\n")).not.toContain("root:x");
    expect(messages.join("\n")).not.toContain(outside);
  });

  test("flow files: a link to a folder outside is refused by its name and not walked", () => {
    writeFileSync(join(outside, "x.yaml"), `${SECRET}\n`);
    symlinkSync(outside, join(project, "flows/elsewhere"));
    expect(messagesOf(() => readFlowSources(project))).toEqual([
      "flows/elsewhere: is a link to a file outside the project; only files inside the project are read",
    ]);
  });

  test("flow files: a folder link loop is one line, not a crash", () => {
    mkdirSync(join(project, "flows/a"));
    symlinkSync(join(project, "flows"), join(project, "flows/a/loop"));
    expect(messagesOf(() => readFlowSources(project))).toEqual([
      "flows/a/loop: is a folder the walk already went through (a link loop); it is read once",
    ]);
  });

  test("flow files: a link inside the project is read like the file it names", () => {
    mkdirSync(join(project, "shared"));
    writeFileSync(join(project, "shared/linked.yaml"), "name: Linked\n");
    symlinkSync(join(project, "shared/linked.yaml"), join(project, "flows/linked.yaml"));
    expect(readFlowSources(project).map((s) => [s.file, s.text])).toEqual([
      ["flows/linked.yaml", "name: Linked\n"],
      ["flows/ok.yaml", "name: Ok\n"],
    ]);
  });

  test("lint: a linked flow file is refused by its name (exit 1), its target never echoed in any format", () => {
    symlinkSync(join(outside, "passwd"), join(project, "flows/evil.yaml"));
    for (const format of ["text", "json", "sarif"]) {
      const r = runLint(["--format", format], { cwd: project });
      expect(r.exitCode).toBe(1);
      expect(r.stdout + r.stderr).toContain("flows/evil.yaml: is a link to a file outside the project");
      expect(r.stdout + r.stderr).not.toContain("root:x");
    }
  });

  test("lint: a path given outside the project is refused, not read", () => {
    const r = runLint([join(outside, "passwd")], { cwd: project });
    expect(r.exitCode).toBe(1);
    expect(r.stdout + r.stderr).toContain("is outside the project; only files inside the project are read");
    expect(r.stdout + r.stderr).not.toContain("root:x");
  });

  test("given paths: findFlowFiles reports a folder link loop once", () => {
    mkdirSync(join(project, "flows/a"));
    symlinkSync(join(project, "flows"), join(project, "flows/a/loop"));
    expect(messagesOf(() => findFlowFiles(project))).toEqual([
      "flows/a/loop: is a folder the walk already went through (a link loop); it is read once",
    ]);
  });

  test("routing files: a link to a file outside is refused by its name", () => {
    mkdirSync(join(project, "routing"));
    symlinkSync(join(outside, "passwd"), join(project, "routing/evil.yaml"));
    const messages = messagesOf(() => readRoutingSources(project));
    expect(messages).toEqual([
      "routing/evil.yaml: is a link to a file outside the project; only files inside the project are read",
    ]);
  });

  test("stack files: a stack file linked to a file outside is refused by its name", () => {
    symlinkSync(join(outside, "passwd"), join(project, "Pulumi.evil.yaml"));
    const messages = messagesOf(() => readStackSettings(project, "evil"));
    expect(messages).toEqual([
      "Pulumi.evil.yaml: is a link to a file outside the project; only files inside the project are read",
    ]);
  });

  test("a message quotes at most a bounded excerpt of a value", () => {
    const long = "x".repeat(20_000);
    const d = describeValue(long);
    expect(d.length).toBeLessThan(120);
    expect(d).toContain("a text of 20000 characters");
  });
});

describe("errors lead with the cause", () => {
  const MODULE =
    "kind: commonModule\nname: VerifyCaller\ncompatibleFlowTypes: [inboundCall]\nstart: R\nnodes:\n  R: {type: return, outcome: completed}\n";
  const CALLER =
    "kind: inboundCall\nname: Sales\nstart: V\nnodes:\n  V: {type: subflow, module: VerifyCaller, transitions: {completed: D, error: D}}\n  D: {type: disconnect}\n";
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), "gf-cause-"));
    mkdirSync(join(project, "flows/modules"), { recursive: true });
    mkdirSync(join(project, "flows/calls"), { recursive: true });
    mkdirSync(join(project, "policies/config"), { recursive: true });
    writeFileSync(join(project, "policies/config/dev.json"), "{}\n");
    writeFileSync(join(project, "flows/calls/sales.yaml"), CALLER);
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  test("a caller of a module that fails to load says so and points at its first error, which lint prints first", () => {
    writeFileSync(join(project, "flows/modules/verify.yaml"), MODULE.replace("type: return", "type: retrun"));
    const lines = runLint([], { cwd: project }).stdout.split("\n");
    expect(lines[0]).toMatch(
      /^flows\/modules\/verify\.yaml:6:\d+: error \[load-error\] .*unknown node type "retrun"; did you mean "return"\?/,
    );
    expect(lines[1]).toContain(
      'node "V" (subflow): field "module": common module "VerifyCaller" (flows/modules/verify.yaml) failed to load; fix its first error: flows/modules/verify.yaml: node "R": field "type": unknown node type "retrun"',
    );
    expect(lines.join("\n")).not.toContain('no common module named "VerifyCaller"');
  });

  test("a caller of a module the stack leaves out says which stack setting leaves it out", () => {
    writeFileSync(join(project, "flows/modules/verify.yaml"), MODULE);
    writeFileSync(
      join(project, "Pulumi.dev.yaml"),
      "config:\n  genesys-flows:environment: dev\n  genesys-flows:exclude: [modules/*]\n",
    );
    const out = runLint(["--stack", "dev"], { cwd: project }).stdout;
    expect(out).toContain(
      'common module "VerifyCaller" (flows/modules/verify.yaml) is not in stack "dev": its include/exclude globs (genesys-flows:include, genesys-flows:exclude in Pulumi.dev.yaml) leave it out',
    );
    expect(out).not.toContain("no common module named");
  });
});
