// The shipped examples: no stack file of the repository holds a secret in plain text
// (checks/secrets.ts), so lint --stack, the preflight and the policy pack pass them.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { checkPlainSecrets } from "../../checks/secrets";

const ROOT = path.resolve(__dirname, "../..");

test("the shipped stack files hold no plain-text secret", () => {
  const files = readdirSync(ROOT).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f) && f !== "Pulumi.yaml");
  expect(files.length).toBeGreaterThanOrEqual(3);
  for (const file of files) {
    const stack = file.slice("Pulumi.".length, -".yaml".length);
    expect({
      file,
      found: checkPlainSecrets({ name: file, text: readFileSync(path.join(ROOT, file), "utf8") }, stack),
    }).toEqual({ file, found: [] });
  }
});
