#!/usr/bin/env bash
# Regenerates sdks/genesyscloud (@pulumi/genesyscloud) from the pinned versions in versions.env:
#   1. the bridge plugin extracts the schema of mypurecloud/genesyscloud, the whole provider;
#   2. the pinned Pulumi release's Node.js code generator writes the SDK (see gen-nodejs-sdk).
# The SDK is committed, so `npm ci` and the unit tests need no Go. A unit test checks that the
# committed SDK matches the pins. Usage: npm run sdk:generate
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
quiet=0
RERUN="npm run sdk:generate"
# shellcheck source=lib.sh
source "$here/lib.sh"

eval "$("$here/setup.sh" --quiet --print-env)"

gen_dir="$cache/gen-nodejs-sdk-v$PULUMI_VERSION-$(pins_of pulumi-cli)"
if [ ! -x "$gen_dir/gen-nodejs-sdk" ]; then
  build gen-nodejs-sdk pulumi-cli ./cmd/gen-nodejs-sdk gen-nodejs-sdk "" "$gen_dir"
fi

work="$(mktemp -d "$cache/.tmp-sdk-XXXXXX")"
trap 'rm -rf "$work"' EXIT
say "extracting the schema of $GENESYS_PROVIDER_SOURCE $GENESYS_PROVIDER_VERSION"
(cd "$root" && PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true \
  "$GENESYS_FLOWS_PULUMI" package get-schema "terraform-provider@$TERRAFORM_PROVIDER_PLUGIN_VERSION" -- \
  "$GENESYS_PROVIDER_SOURCE" "$GENESYS_PROVIDER_VERSION" >"$work/schema.json") \
  || fail "extracting the provider schema failed." "Is the provider seeded? Run: npm run setup"

"$gen_dir/gen-nodejs-sdk" "$work/schema.json" "$work/sdk" || fail "generating the Node.js SDK failed."

# Replace the committed SDK whole (keeping nothing stale), then rebuild its compiled output.
rm -rf "$root/sdks/genesyscloud.new"
mv "$work/sdk" "$root/sdks/genesyscloud.new"
rm -rf "$root/sdks/genesyscloud"
mv "$root/sdks/genesyscloud.new" "$root/sdks/genesyscloud"
# Shipped inside the genesys-flows package (bundleDependencies): @pulumi/pulumi is the host's (a peer),
# and it installs nothing and compiles nothing where it lands (tools/bootstrap.sh compiles it here).
node -e '
const f = process.argv[1], p = JSON.parse(require("fs").readFileSync(f, "utf8"));
const { dependencies: d = {}, ...rest } = p;
rest.scripts = { build: "tsc" };
const out = {};
for (const [k, v] of Object.entries(rest)) {
  out[k] = v;
  if (k === "scripts") { out.peerDependencies = { "@pulumi/pulumi": d["@pulumi/pulumi"] }; out.devDependencies = { "@types/node": d["@types/node"], typescript: d.typescript }; }
}
require("fs").writeFileSync(f, JSON.stringify(out, null, 4) + "\n");' "$root/sdks/genesyscloud/package.json"
# npm reinstalls the SDK's link; tools/bootstrap.sh compiles it.
(cd "$root" && npm install --no-audit --no-fund --loglevel=error >/dev/null && rm -rf sdks/genesyscloud/bin && bash tools/bootstrap.sh setup --quiet) || fail "npm install after regenerating the SDK failed."
say "wrote sdks/genesyscloud (@pulumi/genesyscloud $GENESYS_PROVIDER_VERSION); review with: git diff --stat sdks/"
