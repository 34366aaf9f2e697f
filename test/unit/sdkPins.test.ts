// The committed SDK (sdks/genesyscloud) must match the pinned toolchain (tools/toolchain/versions.env)
// and Pulumi.yaml's package entry; otherwise `npm run sdk:generate` was forgotten after a pin change.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";

const root = path.resolve(__dirname, "../..");
const read = (p: string) => fs.readFileSync(path.join(root, p), "utf8");

function pins(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of read("tools/toolchain/versions.env").split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

describe("generated @pulumi/genesyscloud SDK", () => {
  const p = pins();
  const pkg = JSON.parse(read("sdks/genesyscloud/package.json"));

  it("is generated for the pinned provider and bridge versions", () => {
    expect(pkg.name).toBe("@pulumi/genesyscloud");
    expect(pkg.version).toBe(p.GENESYS_PROVIDER_VERSION);
    expect(pkg.pulumi.name).toBe("terraform-provider");
    expect(pkg.pulumi.version).toBe(p.TERRAFORM_PROVIDER_PLUGIN_VERSION);
    expect(pkg.pulumi.parameterization.name).toBe("genesyscloud");
    expect(pkg.pulumi.parameterization.version).toBe(p.GENESYS_PROVIDER_VERSION);
    const value = JSON.parse(Buffer.from(pkg.pulumi.parameterization.value, "base64").toString("utf8"));
    expect(value).toEqual({
      remote: { url: `registry.opentofu.org/${p.GENESYS_PROVIDER_SOURCE}`, version: p.GENESYS_PROVIDER_VERSION },
    });
  });

  it("is the package Pulumi.yaml declares, in the registry form", () => {
    const project = YAML.parse(read("Pulumi.yaml"));
    expect(project.name).toBe("genesys-flows");
    // typescript: false: the program runs precompiled (tools/jsbuild, test/unit/jsbuild.test.ts).
    expect(project.runtime).toMatchObject({ name: "nodejs", options: { typescript: false } });
    expect(project.packages.genesyscloud).toEqual({
      source: "terraform-provider",
      version: p.TERRAFORM_PROVIDER_PLUGIN_VERSION,
      parameters: [p.GENESYS_PROVIDER_SOURCE, p.GENESYS_PROVIDER_VERSION],
    });
    expect(JSON.parse(read("package.json")).dependencies["@pulumi/genesyscloud"]).toBe("file:sdks/genesyscloud");
  });

  it("exports Flow with the inputs the components use, and a provider with the gateway setting", () => {
    const flow = read("sdks/genesyscloud/flow.ts");
    expect(flow).toContain("__pulumiType = 'genesyscloud:index/flow:Flow'");
    for (const input of ["filepath", "substitutions", "forceUnlock", "updateTriggerHash", "name"]) {
      expect(flow).toMatch(new RegExp(`^\\s+${input}\\?: pulumi\\.Input<`, "m"));
    }
    const provider = read("sdks/genesyscloud/provider.ts");
    expect(provider).toMatch(/gateways\?: pulumi\.Input<pulumi\.Input<inputs\.ProviderGateway>\[\]/);
    const sdk = require("@pulumi/genesyscloud");
    expect(typeof sdk.Flow).toBe("function");
    expect(sdk.Flow.__pulumiType).toBe("genesyscloud:index/flow:Flow");
    expect(typeof sdk.getFlow).toBe("function");
    // The whole provider: a team's components use the resources the program does not (components/README.md).
    expect(sdk.ArchitectDatatable.__pulumiType).toBe("genesyscloud:index/architectDatatable:ArchitectDatatable");
    expect(sdk.IntegrationAction.__pulumiType).toBe("genesyscloud:index/integrationAction:IntegrationAction");
  });

  it("the wrapper modules pin the same versions as versions.env", () => {
    expect(read("tools/toolchain/pulumi-cli/go.mod")).toContain(`github.com/pulumi/pulumi/pkg/v3 v${p.PULUMI_VERSION}`);
    expect(read("tools/toolchain/genesys-provider/go.mod")).toContain(
      `github.com/mypurecloud/terraform-provider-genesyscloud v${p.GENESYS_PROVIDER_VERSION}`,
    );
    expect(read("tools/toolchain/terraform-bridge/go.mod")).toContain(
      `github.com/pulumi/pulumi-terraform-bridge/v3 v${p.BRIDGE_MODULE_VERSION}`,
    );
    expect(read("tools/toolchain/language-nodejs/go.mod")).toContain(p.LANGUAGE_HOST_PSEUDO);
    expect(read("tools/toolchain/actionlint/go.mod")).toContain(`github.com/rhysd/actionlint v${p.ACTIONLINT_VERSION}`);
  });

  it("@pulumi/pulumi is pinned exactly, same major as the CLI and not newer than it", () => {
    // An older SDK under a newer CLI is supported; a newer one is not. 3.248.0 is the newest
    // @pulumi/pulumi that still runs on Node.js 20 (docs/toolchain.md, "Node.js version").
    const sdk = JSON.parse(read("package.json")).dependencies["@pulumi/pulumi"] as string;
    expect(sdk).toMatch(/^\d+\.\d+\.\d+$/);
    expect(sdk.split(".")[0]).toBe(p.PULUMI_VERSION.split(".")[0]);
    const [a, b] = [sdk, p.PULUMI_VERSION].map((v) => v.split(".").map(Number));
    expect(a[1] * 1000 + a[2]).toBeLessThanOrEqual(b[1] * 1000 + b[2]);
    expect(JSON.parse(read("node_modules/@pulumi/pulumi/package.json")).version).toBe(sdk);
  });
});

describe("the versions docs/toolchain.md states are the pinned ones", () => {
  const p = pins();
  const readme = read("docs/toolchain.md");
  const pkg = JSON.parse(read("package.json"));
  const row = (first: string) => {
    const line = readme.split("\n").find((l) => l.startsWith(`| ${first} |`));
    if (line === undefined) throw new Error(`docs/toolchain.md has no table row starting with "| ${first} |"`);
    return line;
  };

  it("the toolchain table", () => {
    expect(row("`pulumi` CLI")).toContain(
      `v${p.PULUMI_VERSION} (\`@pulumi/pulumi\` is ${pkg.dependencies["@pulumi/pulumi"]}`,
    );
    expect(row("`pulumi-language-nodejs`")).toContain(`the commit of v${p.LANGUAGE_HOST_RELEASE}`);
    expect(row("`pulumi-resource-terraform-provider` (plugin `terraform-provider`)")).toContain(
      `bridge v${p.BRIDGE_MODULE_VERSION}, plugin version \`${p.TERRAFORM_PROVIDER_PLUGIN_VERSION}\``,
    );
    expect(row("`terraform-provider-genesyscloud`")).toContain(
      `v${p.GENESYS_PROVIDER_VERSION} (\`${p.GENESYS_PROVIDER_SOURCE}\`)`,
    );
  });

  it("the Pulumi.yaml excerpt is the committed one", () => {
    const excerpt = /`Pulumi.yaml` names the provider in the registry form[^`]*```yaml\n([\s\S]*?)```/.exec(readme);
    expect(excerpt).not.toBeNull();
    expect(YAML.parse(excerpt![1])).toEqual({ packages: YAML.parse(read("Pulumi.yaml")).packages });
  });

  it("the Node.js 20 pins table", () => {
    expect(row("`@pulumi/pulumi`")).toContain(`| ${pkg.dependencies["@pulumi/pulumi"]} |`);
    expect(row("`mermaid` (dev, diagram tests)")).toContain(`| ${pkg.devDependencies.mermaid} |`);
    // Every version the page states for the CLI or the SDK is one of the two pins.
    for (const m of readme.matchAll(/`@pulumi\/pulumi` (\d+\.\d+\.\d+)/g))
      expect(m[1]).toBe(pkg.dependencies["@pulumi/pulumi"]);
  });
});
