#!/usr/bin/env bash
# Makes the pinned Pulumi toolchain available, building what is missing from the Go module proxy:
#   - pulumi (CLI) and pulumi-language-nodejs, or a `pulumi` already on PATH when recent enough;
#   - pulumi-resource-terraform-provider (the Terraform bridge plugin), installed as a Pulumi plugin;
#   - terraform-provider-genesyscloud, seeded into the bridge's plugin cache in the registry layout,
#     so Pulumi.yaml names it `mypurecloud/genesyscloud <version>` and nothing is downloaded;
#   - the program and the policy pack compiled to JavaScript (project/jsbuild.js);
#   - unless --deploy-only: actionlint, the GitHub Actions workflow checker (npm run lint:workflows),
#     and Genesys's published Platform API specification (swagger.json of the official Go SDK module
#     the provider is built with, the version its go.mod pins), read by the conformance tier;
#   - with --with-opentofu only (the benchmark's Terraform anchor): OpenTofu's `tofu`;
#   - with --with-provider-tests only (the provider tier): the official provider's own acceptance
#     tests of the six resources the project deploys, built unmodified with `go test -c`.
# Everything is cached per machine outside the repo ($GENESYS_FLOWS_CACHE, default
# ~/.cache/genesys-flows). Builds go to a temporary folder that is renamed into place only
# when complete, so an interrupted build never poisons the cache. A second run builds nothing.
#
# Usage: tools/toolchain/setup.sh [--quiet] [--print-env] [--deploy-only] [--with-opentofu] [--with-provider-tests]
#   --print-env             print the environment (export lines) the project uses to run pulumi
#   --deploy-only           only what a deploy runs (npm start, up, preview: tools/bootstrap.sh run);
#                           actionlint and the API spec wait for npm test, npm run setup or lint:workflows
#   --with-opentofu         also build OpenTofu (npm run bench and the provider tier need it)
#   --with-provider-tests   also build the provider's acceptance tests (test/provider; implies --with-opentofu)
#   -h, --help              show this help
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

quiet=0
print_env=0
deploy_only=0
with_opentofu=0
with_provider_tests=0
for arg in "$@"; do
  case "$arg" in
    --quiet) quiet=1 ;;
    --print-env) print_env=1 ;;
    --deploy-only) deploy_only=1 ;;
    --with-opentofu) with_opentofu=1 ;;
    --with-provider-tests) with_provider_tests=1; with_opentofu=1 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

RERUN="npm run setup"
# shellcheck source=lib.sh
source "$here/lib.sh"

# 1. pulumi CLI + Node.js language host ------------------------------------------------------
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

cli_dir=""
if [ -z "${GENESYS_FLOWS_BUILD_PULUMI:-}" ] && command -v pulumi >/dev/null 2>&1; then
  onpath="$(command -v pulumi)"
  v="$(pulumi version 2>/dev/null | sed 's/^v//' | cut -d- -f1 || true)"
  hostdir="$(dirname "$onpath")"
  if [ -n "$v" ] && version_ge "$v" "$PULUMI_MIN_VERSION" && [ "${v%%.*}" = 3 ] \
     && { [ -x "$hostdir/pulumi-language-nodejs" ] || command -v pulumi-language-nodejs >/dev/null 2>&1; }; then
    case "$hostdir" in "$cache"/*) ;; *) cli_dir="$hostdir"; say "using pulumi v$v from PATH ($onpath)" ;; esac
  elif [ -n "$v" ]; then
    say "pulumi v$v on PATH is older than v$PULUMI_MIN_VERSION (or has no Node.js language host): using the project's own build"
  fi
fi
if [ -z "$cli_dir" ]; then
  built_cli="$cache/pulumi-v$PULUMI_VERSION-$(pins_of pulumi-cli)/bin"
  if [ ! -x "$built_cli/pulumi" ]; then
    build pulumi pulumi-cli github.com/pulumi/pulumi/pkg/v3/cmd/pulumi pulumi \
      "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" "$built_cli"
  fi
  host_dir="$cache/pulumi-language-nodejs-v$LANGUAGE_HOST_RELEASE-$(pins_of language-nodejs)"
  if [ ! -x "$host_dir/pulumi-language-nodejs" ]; then
    build pulumi-language-nodejs language-nodejs github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 \
      pulumi-language-nodejs "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$LANGUAGE_HOST_RELEASE" "$host_dir"
  fi
  # The 3.163 host predates resource hooks: the shim in front of it lets a program reach the
  # engine's own monitor (tools/toolchain/language-host-shim/main.go says why and how).
  shim_src="$here/language-host-shim"
  shim_pins="$(cat "$shim_src/go.mod" "$shim_src/go.sum" "$shim_src/main.go" "$shim_src/preload.js" "$shim_src/deferLoads.js" | sha256sum | cut -c1-12)"
  shim_dir="$cache/language-host-shim-$shim_pins-$(printf '%s' "$host_dir" | sha256sum | cut -c1-8)"
  if [ ! -x "$shim_dir/pulumi-language-nodejs" ]; then
    build language-host-shim language-host-shim . pulumi-language-nodejs "-X main.realHost=$host_dir/pulumi-language-nodejs" "$shim_dir"
  fi
  # The CLI finds its language host next to itself (its resolved path): a folder of its own per
  # CLI and shim build, the CLI hard-linked in (no copy), so other checkouts on older pins keep theirs.
  cli_dir="$cache/pulumi-v$PULUMI_VERSION-$(pins_of pulumi-cli)-shim-$shim_pins/bin"
  if [ ! -x "$cli_dir/pulumi" ] || [ "$(readlink "$cli_dir/pulumi-language-nodejs")" != "$shim_dir/pulumi-language-nodejs" ]; then
    tmp_cli="$(mktemp -d "$cache/.tmp-cli-XXXXXX")"
    ln "$built_cli/pulumi" "$tmp_cli/pulumi" 2>/dev/null || cp "$built_cli/pulumi" "$tmp_cli/pulumi"
    ln -s "$shim_dir/pulumi-language-nodejs" "$tmp_cli/pulumi-language-nodejs"
    mkdir -p "$(dirname "$cli_dir")"
    rm -rf "$cli_dir"
    mv "$tmp_cli" "$cli_dir" 2>/dev/null || rm -rf "$tmp_cli"
  fi
fi
PULUMI_BIN="$cli_dir/pulumi"

# 2. Terraform bridge plugin -------------------------------------------------------------------
bridge_dir="$cache/terraform-provider-v$TERRAFORM_PROVIDER_PLUGIN_VERSION-$(pins_of terraform-bridge)"
if [ ! -x "$bridge_dir/pulumi-resource-terraform-provider" ]; then
  build terraform-bridge terraform-bridge github.com/pulumi/pulumi-terraform-bridge/v3/dynamic \
    pulumi-resource-terraform-provider \
    "-X google.golang.org/protobuf/reflect/protoregistry.conflictPolicy=ignore -X github.com/pulumi/pulumi-terraform-bridge/v3/dynamic/version.version=$TERRAFORM_PROVIDER_PLUGIN_VERSION" \
    "$bridge_dir"
fi

# 3. Genesys provider, seeded in the OpenTofu registry layout the bridge reads before any download
genesys_dir="$cache/terraform-provider-genesyscloud-v$GENESYS_PROVIDER_VERSION-$(pins_of genesys-provider)"
if [ ! -x "$genesys_dir/terraform-provider-genesyscloud" ]; then
  build genesys-provider genesys-provider github.com/mypurecloud/terraform-provider-genesyscloud \
    terraform-provider-genesyscloud "-X main.version=$GENESYS_PROVIDER_VERSION" "$genesys_dir"
fi
# The provider is seeded behind a small launcher (tools/toolchain/provider-launcher) that answers
# the provider's start-up platform probe (`<parent> version`) at once; without it every provider
# start under the Pulumi bridge waits 3 x 10 s. The launcher starts the real provider as its child.
launcher_src="$here/provider-launcher"
launcher_pins="$(cat "$launcher_src/go.mod" "$launcher_src/main.go" | sha256sum | cut -c1-12)"
launcher_dir="$cache/provider-launcher-$launcher_pins-$(printf '%s' "$genesys_dir" | sha256sum | cut -c1-8)"
if [ ! -x "$launcher_dir/terraform-provider-genesyscloud" ]; then
  build provider-launcher provider-launcher . terraform-provider-genesyscloud \
    "-X main.realProvider=$genesys_dir/terraform-provider-genesyscloud" "$launcher_dir"
fi
tf_cache="$cache/dynamic_tf_plugins"
seed_dir="$tf_cache/registry.opentofu.org/$GENESYS_PROVIDER_SOURCE/$GENESYS_PROVIDER_VERSION/linux_amd64"
seed="$seed_dir/terraform-provider-genesyscloud_v$GENESYS_PROVIDER_VERSION"
if [ ! -x "$seed" ] || [ "$(readlink "$seed")" != "$launcher_dir/terraform-provider-genesyscloud" ]; then
  mkdir -p "$seed_dir"
  ln -sfn "$launcher_dir/terraform-provider-genesyscloud" "$seed"
  progress "seeded $GENESYS_PROVIDER_SOURCE $GENESYS_PROVIDER_VERSION (behind the start-up launcher) into $tf_cache"
fi

# 4. Install the bridge as the `terraform-provider` resource plugin (in PULUMI_HOME) ------------
pulumi_home="${PULUMI_HOME:-$HOME/.pulumi}"
plugin_dir="$pulumi_home/plugins/resource-terraform-provider-v$TERRAFORM_PROVIDER_PLUGIN_VERSION"
# A stamp names the build installed, so a run does not compare the ~100 MB binaries.
plugin_stamp="$plugin_dir/.genesys-flows-installed-from"
if [ ! -x "$plugin_dir/pulumi-resource-terraform-provider" ] || [ "$(cat "$plugin_stamp" 2>/dev/null)" != "$bridge_dir" ]; then
  progress "installing plugin terraform-provider v$TERRAFORM_PROVIDER_PLUGIN_VERSION into $pulumi_home"
  PULUMI_SKIP_UPDATE_CHECK=true "$PULUMI_BIN" plugin install resource terraform-provider \
    "$TERRAFORM_PROVIDER_PLUGIN_VERSION" --file "$bridge_dir/pulumi-resource-terraform-provider" --reinstall >/dev/null \
    || fail "installing the terraform-provider plugin failed." "Command: $PULUMI_BIN plugin install resource terraform-provider $TERRAFORM_PROVIDER_PLUGIN_VERSION --file $bridge_dir/pulumi-resource-terraform-provider"
  printf '%s\n' "$bridge_dir" >"$plugin_stamp"
fi

# 5. actionlint (checks .github/workflows: npm run lint:workflows) ------------------------------
# Steps 5 and 5b are not needed to deploy: --deploy-only leaves them out, but their paths (printed
# by --print-env) stay the same, so a command that needs them finds them once built.
actionlint_dir="$cache/actionlint-v$ACTIONLINT_VERSION-$(pins_of actionlint)"
if [ "$deploy_only" = 0 ] && [ ! -x "$actionlint_dir/actionlint" ]; then
  build actionlint actionlint github.com/rhysd/actionlint/cmd/actionlint actionlint \
    "-X github.com/rhysd/actionlint.version=$ACTIONLINT_VERSION" "$actionlint_dir"
fi

# 5b. Genesys's Platform API specification: the swagger.json inside the official Go SDK module the
# provider's go.mod pins (test/conformance reads it). Copied out of the Go module cache so a
# `go clean -modcache` does not take it away; the version comes from the wrapper's go.mod.
sdk_module=github.com/mypurecloud/platform-client-sdk-go/v193
sdk_version="$(awk -v m="$sdk_module" '$1 == m { print $2 }' "$here/genesys-provider/go.mod")"
[ -n "$sdk_version" ] || fail "tools/toolchain/genesys-provider/go.mod does not pin $sdk_module." "Update sdk_module in setup.sh to the SDK major the provider uses."
spec_dir="$cache/genesys-api-spec-$sdk_version"
if [ "$deploy_only" = 0 ] && [ ! -f "$spec_dir/swagger.json" ]; then
  need_go
  progress "fetching Genesys's API specification ($sdk_module@$sdk_version, from the Go module proxy)"
  sdk_dir="$(cd "$here/genesys-provider" && GOFLAGS=-mod=readonly go mod download -json "$sdk_module@$sdk_version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [ -f "$sdk_dir/swagger.json" ] || fail "the Go module proxy did not serve $sdk_module@$sdk_version (no swagger.json)." "Command: go mod download -json $sdk_module@$sdk_version"
  tmp="$(mktemp -d "$cache/.tmp-spec-XXXXXX")"
  cp "$sdk_dir/swagger.json" "$tmp/swagger.json"
  printf '%s@%s\n' "$sdk_module" "$sdk_version" >"$tmp/SOURCE"
  rm -rf "$spec_dir"
  mv "$tmp" "$spec_dir"
fi

# 6. OpenTofu, for the benchmark only: it drives the same provider binary (a dev override to
# $genesys_dir, not the launcher: under tofu the provider's probe asks `tofu version`, which answers).
tofu_bin=""
if [ "$with_opentofu" = 1 ]; then
  tofu_dir="$cache/opentofu-v$OPENTOFU_VERSION-$(pins_of opentofu)"
  if [ ! -x "$tofu_dir/tofu" ]; then
    build opentofu opentofu github.com/opentofu/opentofu/cmd/tofu tofu \
      "-X github.com/opentofu/opentofu/version.dev=no" "$tofu_dir"
  fi
  tofu_bin="$tofu_dir/tofu"
fi

# 6b. The official provider's acceptance tests (the `*_test.go` of the pinned provider module,
# unmodified) of the resources the project deploys and of the org objects its flows name that the
# emulator writes (test/provider/acceptance.test.ts PACKAGES), built with `go test -c` through the provider's
# wrapper module: the same pins, and the Go build cache the provider build warmed. One binary per
# package; test/provider runs them against the emulator with OpenTofu.
provider_tests_dir=""
if [ "$with_provider_tests" = 1 ]; then
  provider_tests_dir="$cache/provider-acceptance-tests-v$GENESYS_PROVIDER_VERSION-$(pins_of genesys-provider)"
  mkdir -p "$provider_tests_dir"
  for pkg in architect_flow architect_ivr architect_schedules architect_schedulegroups architect_emergencygroup telephony_providers_edges_did_pool \
    routing_skill routing_language routing_wrapupcode architect_user_prompt architect_datatable architect_datatable_row \
    integration_action; do
    [ -x "$provider_tests_dir/$pkg.test" ] && continue
    need_go
    log="$cache/build-provider-test-$pkg.log"
    start=$(date +%s)
    progress "building the provider's acceptance tests of $pkg (go test -c; log: $log)"
    tmp="$(mktemp "$provider_tests_dir/.tmp-$pkg-XXXXXX")"
    if ! (cd "$here/genesys-provider" && GOFLAGS=-mod=readonly go test -c -trimpath -o "$tmp" "github.com/mypurecloud/terraform-provider-genesyscloud/genesyscloud/$pkg") >"$log" 2>&1; then
      rm -f "$tmp"
      fail "building the provider's acceptance tests of $pkg failed." "$(tail -n 15 "$log") (full log: $log)"
    fi
    mv "$tmp" "$provider_tests_dir/$pkg.test"
    progress "built $pkg.test in $(( $(date +%s) - start ))s"
  done
  # The tests find the provider's files (examples/) from the path of their own sources, which
  # -trimpath makes relative to where they run: the runner copies src/ to a writable folder and
  # runs them there. Only what they read: main.go (the marker), the flow examples and the user
  # prompts' audio files.
  provider_src="$provider_tests_dir/src/github.com/mypurecloud/terraform-provider-genesyscloud@v$GENESYS_PROVIDER_VERSION"
  if [ ! -d "$provider_src/test/data/resource/genesyscloud_architect_user_prompt" ]; then
    need_go
    mod_dir="$(cd "$here/genesys-provider" && GOFLAGS=-mod=readonly go mod download -json "github.com/mypurecloud/terraform-provider-genesyscloud@v$GENESYS_PROVIDER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
    [ -f "$mod_dir/main.go" ] || fail "the Go module proxy did not serve the provider's source (v$GENESYS_PROVIDER_VERSION)."
    tmp="$(mktemp -d "$provider_tests_dir/.tmp-src-XXXXXX")"
    mkdir -p "$tmp/examples/resources" "$tmp/test/data/resource"
    cp "$mod_dir/main.go" "$tmp/"
    cp -r "$mod_dir/examples/resources/genesyscloud_flow" "$tmp/examples/resources/"
    cp -r "$mod_dir/test/data/resource/genesyscloud_architect_user_prompt" "$tmp/test/data/resource/"
    chmod -R u+w "$tmp"
    mkdir -p "$(dirname "$provider_src")"
    rm -rf "$provider_src"
    mv "$tmp" "$provider_src"
  fi
fi

# 7. The program and the policy pack as JavaScript (tools/jsbuild: a cache folder per hash of the
# sources, rebuilt when one changes), so pulumi runs them without ts-node. Not fatal: without it
# they run through ts-node (transpile-only).
project_root="$(cd "$here/../.." && pwd)"
if [ -d "$project_root/node_modules/typescript" ]; then
  node "$project_root/project/jsbuild.js" build --root "$project_root" --progress $([ "$quiet" = 1 ] && echo --quiet) >/dev/null \
    || progress "could not precompile the program (see above); pulumi runs it through ts-node"
fi

# (`pulumi version` costs ~0.4 s: asked only when the line is printed)
[ "$quiet" = 1 ] || say "toolchain ready: pulumi $("$PULUMI_BIN" version), terraform-provider v$TERRAFORM_PROVIDER_PLUGIN_VERSION, $GENESYS_PROVIDER_SOURCE $GENESYS_PROVIDER_VERSION$([ "$deploy_only" = 1 ] || echo ", actionlint $ACTIONLINT_VERSION")"
# Where the stacks' state goes: the one choice a team makes once (docs/stacks.md, "Your state backend").
[ "$quiet" = 1 ] || say "state: the local stack's in .work/state; point dev and prod at your team's backend," \
  "Pulumi Cloud (npm run pulumi -- login), PostgreSQL (PULUMI_BACKEND_URL=postgres://...) or S3 (s3://...):" \
  "one update per stack at a time, whichever machine runs it (docs/stacks.md, \"Your state backend\")"

if [ "$print_env" = 1 ]; then
  printf 'export PATH=%q:"$PATH"\n' "$cli_dir"
  printf 'export GENESYS_FLOWS_PULUMI=%q\n' "$PULUMI_BIN"
  printf 'export PULUMI_DYNAMIC_TF_PLUGIN_CACHE_DIR=%q\n' "$tf_cache"
  printf 'export GENESYS_FLOWS_ACTIONLINT=%q\n' "$actionlint_dir/actionlint"
  printf 'export GENESYS_FLOWS_PROVIDER_DIR=%q\n' "$genesys_dir"
  printf 'export GENESYS_FLOWS_API_SPEC=%q\n' "$spec_dir/swagger.json"
  [ -z "$tofu_bin" ] || printf 'export GENESYS_FLOWS_TOFU=%q\n' "$tofu_bin"
  [ -z "$provider_tests_dir" ] || printf 'export GENESYS_FLOWS_PROVIDER_TESTS=%q\n' "$provider_tests_dir"
fi
