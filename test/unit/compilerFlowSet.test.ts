// buildFlowSet: one stack's flows loaded, checked, compiled and substituted from a file reader.
import { buildFlowSet } from "../../components/flowSet";
import { findPlaceholders } from "../../components/model/placeholders";
import { moduleRevision, parseArchyYaml } from "../../components/compiler";
import { diskReader, messageOf, stackConfig } from "./helpers/flowFiles";

describe("buildFlowSet", () => {
  it.each(["local", "dev", "prod"])("plans every flow of stack %s", (stack) => {
    const config = stackConfig(stack);
    const set = buildFlowSet(config, diskReader);
    expect(set.module.publishedName).toBe(`${stack}-VerifyCaller`);
    expect(set.inboundFlows.map((f) => f.publishedName)).toEqual([`${stack}-Sales`, `${stack}-Support`, `${stack}-Billing`]);
    for (const f of [set.module, ...set.inboundFlows]) {
      expect(findPlaceholders(f.substitutedYaml)).toEqual([]);
      expect(f.revision).toBe(moduleRevision(f.substitutedYaml));
      parseArchyYaml(f.substitutedYaml);
    }
    expect(findPlaceholders(set.inboundFlows[0].templateYaml)).toEqual(["brand", "sales_queue", "orders_queue", "general_queue"]);
    for (const f of set.inboundFlows) expect(f.templateYaml).toContain(`${stack}-VerifyCaller:`);
  });

  it("changing one inbound flow changes only that flow's revision; the module's content changes only the module", () => {
    const config = stackConfig("dev");
    const before = buildFlowSet(config, diskReader);
    const editedSales = buildFlowSet(config, (f) =>
      f === "flows/sales.yaml" ? diskReader(f).replace("Welcome to {{brand}} sales.", "Hello from {{brand}}.") : diskReader(f),
    );
    expect(editedSales.module.revision).toBe(before.module.revision);
    expect(editedSales.inboundFlows.map((f) => f.revision !== before.inboundFlows.find((b) => b.file === f.file)!.revision)).toEqual([true, false, false]);
    const editedModule = buildFlowSet(config, (f) =>
      f === "flows/verify-caller.yaml" ? diskReader(f).replace("Thank you, you are verified.", "Thanks!") : diskReader(f),
    );
    expect(editedModule.module.revision).not.toBe(before.module.revision);
    // Callers' compiled text does not depend on the module's body, only on its interface.
    expect(editedModule.inboundFlows.map((f) => f.templateYaml)).toEqual(before.inboundFlows.map((f) => f.templateYaml));
  });

  it("reports unreadable files, and every unresolved placeholder at once", () => {
    const config = stackConfig("dev");
    const msg = messageOf(() =>
      buildFlowSet(
        {
          ...config,
          inboundFlows: [
            { file: "flows/sales.yaml", substitutions: { brand: "Acme" } },
            { file: "flows/missing.yaml", substitutions: {} },
            { file: "flows/support.yaml", substitutions: { priority_queue: "P", support_queue: 'S"' } },
          ],
        },
        (f) => (f === "flows/missing.yaml" ? (() => { throw Object.assign(new Error("ENOENT"), { code: "ENOENT" }); })() : diskReader(f)),
      ),
    );
    expect(msg).toBe("flows/missing.yaml: no such file; check the file names in the stack config");
    const msg2 = messageOf(() =>
      buildFlowSet(
        { ...config, inboundFlows: [{ file: "flows/sales.yaml", substitutions: { brand: "Acme" } }] },
        diskReader,
      ),
    );
    expect(msg2.split("\n")).toEqual([
      'flows/sales.yaml: node "TransferSales" (transferToQueue): field "queue": placeholder "{{sales_queue}}" has no value in the substitutions of flow "Sales"; add "sales_queue" to this flow\'s substitutions in the stack config',
      'flows/sales.yaml: node "TransferOrders" (transferToQueue): field "queue": placeholder "{{orders_queue}}" has no value in the substitutions of flow "Sales"; add "orders_queue" to this flow\'s substitutions in the stack config',
      'flows/sales.yaml: node "TransferGeneral" (transferToQueue): field "queue": placeholder "{{general_queue}}" has no value in the substitutions of flow "Sales"; add "general_queue" to this flow\'s substitutions in the stack config',
    ]);
  });

  it("refuses unsafe substitution values, naming the flow and key", () => {
    const config = stackConfig("dev");
    config.inboundFlows[1].substitutions.support_queue = "Support\nTeam";
    expect(messageOf(() => buildFlowSet(config, diskReader))).toBe(
      'flows/support.yaml: flow "Support": substitution "support_queue": its value cannot be inserted safely into the compiled YAML because it contains a line break; the provider inserts values verbatim, so change the value in the stack config',
    );
  });

  it("refuses a module file that is not a commonModule and duplicate files", () => {
    const config = stackConfig("dev");
    expect(messageOf(() => buildFlowSet({ ...config, module: { file: "flows/sales.yaml", substitutions: {} } }, diskReader))).toBe(
      "flows/sales.yaml: is listed more than once in the stack config",
    );
    expect(
      messageOf(() =>
        buildFlowSet({ ...config, module: { file: "flows/billing.yaml", substitutions: {} }, inboundFlows: config.inboundFlows.slice(0, 2) }, diskReader),
      ),
    ).toBe(
      'flows/billing.yaml: flow "Billing": field "kind": the stack\'s module must be a commonModule, found "inboundCall"; list inbound flows under inboundFlows',
    );
  });
});
