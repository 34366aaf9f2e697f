// genesys-flows init --import (and flows:import) of exports written for the provider: every
// placeholder the import keeps is a substitution the starter's stack files give (--set), a
// placeholder in an expression's code is typed by its value, several exports sharing a templated
// name are named per instance (--set <export>:<key>=<name>); what cannot be taken is listed with
// what to give, the rest taken; and never a stack trace or half a repository.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { FlowLoadError } from "../../model/errors";
import { lintProject } from "../../policies/lint/project";
import { readPortfolio } from "../../project/portfolio";
import { readTree, tempProject } from "../../testkit/tempProject";
import { main } from "../../tools/init";
import { main as importFlows } from "../../tools/importFlows";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const writer = (to: string[]) => ({ write: (s: string) => to.push(s) });
  return { io: { out: writer(out), err: writer(err) }, out: () => out.join(""), err: () => err.join("") };
}

/** init offline: a package spec given, no npm install (the team tier installs). */
const init = (argv: string[], streams: never) => main([...argv, "--package", "9.9.9", "--no-install"], streams);

/** A module as a CX-as-Code repository templates it: its name and division filled by Terraform. */
const MODULE = (name: string, tier: string) => `commonModule:
  name: ${name}
  description: Tells the caller's tier
  division: {{division}}
  supportedLanguages:
    en-us:
      none: true
  variables:
    - stringVariable:
        name: Common.tier
        initialValue:
          lit: ${tier}
        isInput: false
        isOutput: true
  settingsCommonModule:
    compatibleFlowTypes:
      - flowType: inboundcall
  startUpTaskActions:
    - endTask:
        name: Exit Common Module
`;

/** A call flow whose conditions Terraform fills with a Boolean and a number, outside any string. */
const CALLBACK_LINE = `inboundCall:
  name: Callback Line
  division: Home
  startUpRef: "/inboundCall/tasks/task[Offer_20]"
  defaultLanguage: en-us
  variables:
    - integerVariable:
        name: Flow.attempts
        initialValue:
          lit: 0
  tasks:
    - task:
        name: Offer
        refId: Offer_20
        actions:
          - decision:
              name: Callbacks on?
              condition:
                exp: {{callbacks_enabled}} and Flow.attempts < {{max_attempts}}
              outputs:
                "yes":
                  actions:
                    - playAudio:
                        name: Offer
                        audio:
                          tts: We can call you back.
          - disconnect:
              name: Goodbye
`;

const ORDINARY = `inboundCall:
  name: Main Line
  division: Home
  startUpRef: "/inboundCall/tasks/task[Main_1]"
  defaultLanguage: en-us
  tasks:
    - task:
        name: Main
        refId: Main_1
        actions:
          - playAudio:
              name: Hello
              audio:
                tts: Hello.
          - disconnect:
              name: Bye
`;

const STACKS = ["Pulumi.dev.yaml", "Pulumi.local.yaml", "Pulumi.prod.yaml"];
const substitutionsIn = (dir: string, file: string) => {
  const stack = YAML.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { config: Record<string, unknown> };
  return stack.config["genesys-flows:substitutions"];
};
const NO_STACK_TRACE = /\n\s+at /;
/** What lint finds in a repository, advisories aside. */
const lintFindings = (dir: string) =>
  lintProject(dir, { paths: [] })
    .findings.filter((f) => f.level !== "advisory")
    .map((f) => `${f.file}: ${f.message}`);

/** Three instances of one templated module, a flow with placeholders in code, and an ordinary flow. */
function templatedSet(): (file: string) => string {
  const dir = tempProject({
    "email/module.yaml": MODULE('"{{common_module_name}}"', "email"),
    "sms/module.yaml": MODULE('"{{common_module_name}}"', "sms"),
    "chat/module.yaml": MODULE('"{{common_module_name}}"', "chat"),
    "callback.yaml": CALLBACK_LINE,
    "main.yaml": ORDINARY,
  });
  return (file) => path.join(dir, file);
}
const SET = ["email/module.yaml", "sms/module.yaml", "chat/module.yaml", "callback.yaml", "main.yaml"];

describe("init --import of exports holding placeholders", () => {
  it("a division placeholder: without --set, nothing written and what to give; with it, the stack files", async () => {
    const lookup = path.join(tempProject({ "lookup.yaml": MODULE("Customer Lookup", "gold") }), "lookup.yaml");
    const dir = path.join(tempProject(), "acme");
    const refused = io();
    expect(await init([dir, "--import", lookup], refused.io as never)).toBe(1);
    expect(refused.err()).toContain("lookup.yaml: {{division}} has no value: --set division=<value> (the stack");
    expect(refused.err()).toContain(`init: nothing written to ${dir}`);
    expect(refused.err()).not.toMatch(NO_STACK_TRACE);
    expect(fs.existsSync(dir)).toBe(false);

    const taken = io();
    expect(await init([dir, "--import", lookup, "--set", "division=Home"], taken.io as never)).toBe(0);
    const flow = fs.readFileSync(path.join(dir, "flows/imported/customer-lookup.yaml"), "utf8");
    expect(flow).toContain('division: "{{division}}"');
    for (const stack of STACKS) expect([stack, substitutionsIn(dir, stack)]).toEqual([stack, { division: "Home" }]);
    expect(taken.out()).toContain(`recorded ${STACKS.join(", ")}: genesys-flows:substitutions division: "Home"`);
    expect(readPortfolio(dir, "local").flows.map((f) => f.publishedName)).toEqual(["local-Customer Lookup"]);
    expect(lintFindings(dir)).toEqual([]);
  });

  it("a value the local stack cannot publish: nothing left and the reason, not a stack trace", async () => {
    const lookup = path.join(tempProject({ "lookup.yaml": MODULE("Customer Lookup", "gold") }), "lookup.yaml");
    const dir = path.join(tempProject(), "acme");
    const run = io();
    expect(await init([dir, "--import", lookup, "--set", 'division=Home "2"'], run.io as never)).toBe(1);
    expect(run.err()).toContain('substitution "division": its value cannot be inserted safely into the compiled YAML');
    expect(run.err()).not.toMatch(NO_STACK_TRACE);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it("three exports of one templated name, one with placeholders in code: the others taken, these listed", async () => {
    const at = templatedSet();
    const [email, sms, chat, callback] = SET.map(at);
    const dir = path.join(tempProject(), "acme");
    const run = io();
    expect(await init([dir, "--import", ...SET.map(at), "--set", "division=Home"], run.io as never)).toBe(0);
    expect(fs.readdirSync(path.join(dir, "flows/imported"))).toEqual(["main-line.yaml"]);
    const each = [email, sms, chat].map((f) => `--set ${f}:common_module_name=<its name>`).join(" ");
    expect(
      run
        .err()
        .split("\n")
        .filter((l) => l.startsWith("  not taken: ")),
    ).toEqual([
      `  not taken: ${email}, ${sms}, ${chat}: share the templated name "{{common_module_name}}" ` +
        `(one template, several instances): name each instance (${each}), ` +
        "or import them one at a time (genesys-flows import <export> --set common_module_name=<its name>)",
      `  not taken: ${callback}: {{callbacks_enabled}}, {{max_attempts}} have no value: ` +
        "--set callbacks_enabled=<value> --set max_attempts=<value> (the stack files keep it; " +
        "{{callbacks_enabled}}, {{max_attempts}} stand in an expression's code: " +
        "a whole number, a number, or true or false)",
    ]);
    // The division is used by no file taken: no stack file records it.
    expect(substitutionsIn(dir, "Pulumi.local.yaml")).toBeUndefined();
  });

  it("the same set, instances named and values given: a file per instance, placeholders in code typed", async () => {
    const at = templatedSet();
    const dir = path.join(tempProject(), "acme");
    const run = io();
    const names = ["Email", "Sms", "Chat"].map((n, i) => `${at(SET[i]!)}:common_module_name=Resolve ${n}`);
    const sets = ["division=Home", "callbacks_enabled=true", "max_attempts=3", ...names].flatMap((s) => ["--set", s]);
    expect(await init([dir, "--import", ...SET.map(at), ...sets], run.io as never)).toBe(0);
    expect(run.err()).not.toContain("not taken");
    const written = "callback-line main-line resolve-chat resolve-email resolve-sms".split(" ").map((f) => `${f}.yaml`);
    expect(fs.readdirSync(path.join(dir, "flows/imported")).sort()).toEqual(written);
    expect(fs.readFileSync(path.join(dir, "flows/imported/resolve-sms.yaml"), "utf8")).toMatch(/^name: Resolve Sms$/m);
    expect(fs.readFileSync(path.join(dir, "flows/imported/callback-line.yaml"), "utf8")).toContain(
      'expression: "(\\"{{callbacks_enabled}}\\" == \\"true\\") and Flow.attempts < ToInt(\\"{{max_attempts}}\\")"',
    );
    const values = { callbacks_enabled: "true", division: "Home", max_attempts: "3" };
    for (const stack of STACKS) expect([stack, substitutionsIn(dir, stack)]).toEqual([stack, values]);
    expect(lintFindings(dir)).toEqual([]);

    // The stack file's value stays a number: a text where the flow reads a whole number stops the stack.
    const prod = path.join(dir, "Pulumi.prod.yaml");
    fs.writeFileSync(prod, fs.readFileSync(prod, "utf8").replace('max_attempts: "3"', "max_attempts: three"));
    expect(() => readPortfolio(dir, "prod")).toThrow(FlowLoadError);
    expect(() => readPortfolio(dir, "prod")).toThrow(
      'Pulumi.prod.yaml: field "genesys-flows:substitutions.max_attempts": substitution "max_attempts": ' +
        'flows/imported/callback-line.yaml reads it as a whole number, found "three"',
    );
    expect(readPortfolio(dir, "dev").flows).toHaveLength(5);
  });

  it("neither a number nor a Boolean for a placeholder in code: that export not taken, its line said", async () => {
    const at = templatedSet();
    const dir = path.join(tempProject(), "acme");
    const run = io();
    const sets = ["--set", "callbacks_enabled=yes", "--set", "max_attempts=3"];
    const argv = [dir, "--import", at("callback.yaml"), at("main.yaml"), ...sets];
    expect(await init(argv, run.io as never)).toBe(0);
    expect(run.err()).toContain(
      `not taken: ${at("callback.yaml")}:19: inboundCall.tasks[0].task.actions[0].decision.condition.exp: ` +
        "{{callbacks_enabled}} stands in an expression's code (line 19), not in a string literal, so a stack's value " +
        "would be spliced into it; give it a whole number, a number, or true or false: --set callbacks_enabled=<value>",
    );
    expect(fs.readdirSync(path.join(dir, "flows/imported"))).toEqual(["main-line.yaml"]);
  });
});

describe("flows:import of exports sharing a templated name", () => {
  it("takes the others and lists them; --set <export>:<key>=<name> names each instance in its flow file", async () => {
    const root = tempProject({
      "exports/a.yaml": MODULE('"{{module_name}}"', "a").replace("{{division}}", "Home"),
      "exports/b.yaml": MODULE('"{{module_name}}"', "b").replace("{{division}}", "Home"),
      "exports/main.yaml": ORDINARY,
    });
    const at = (f: string) => path.join(root, "exports", f);
    const flows = () => Object.keys(readTree(path.join(root, "flows"))).sort();
    const first = io();
    expect(await importFlows(["--root", root, at("a.yaml"), at("b.yaml"), at("main.yaml")], first.io)).toBe(0);
    expect(first.err()).toContain("not taken: exports/a.yaml, exports/b.yaml: share the templated name");
    expect(flows()).toEqual(["imported/main-line.yaml"]);
    const named = io();
    const sets = ["--set", `${at("a.yaml")}:module_name=Tier A`, "--set", `${at("b.yaml")}:module_name=Tier B`];
    expect(await importFlows(["--root", root, at("a.yaml"), at("b.yaml"), ...sets], named.io)).toBe(0);
    expect(flows()).toEqual(["imported/main-line.yaml", "imported/tier-a.yaml", "imported/tier-b.yaml"]);
    const missing = io();
    const stray = ["--set", `${at("z.yaml")}:module_name=Z`];
    expect(await importFlows(["--root", root, at("a.yaml"), ...stray], missing.io)).toBe(1);
    expect(missing.err()).toContain(`--set ${at("z.yaml")}:...: not one of the exports given`);
  });
});
