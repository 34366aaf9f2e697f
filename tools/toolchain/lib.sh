# Shared helpers of the toolchain scripts (sourced; expects $here, $quiet and $RERUN to be set).
# shellcheck shell=bash
cache="${GENESYS_FLOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/genesys-flows}"
mkdir -p "$cache"

say() { [ "$quiet" = 1 ] || printf '[setup] %s\n' "$*" >&2; }
# Progress of long steps is printed even with --quiet.
progress() { printf '[setup] %s\n' "$*" >&2; }
fail() {
  printf '[setup] error: %s\n' "$1" >&2
  [ -n "${2:-}" ] && printf '[setup] %s\n' "$2" >&2
  printf '[setup] fix the cause above, then rerun: %s\n' "$RERUN" >&2
  exit 1
}

# A hash of a wrapper module's pins: a changed go.mod/go.sum gives a new cache folder.
pins_of() { cat "$here/$1/go.mod" "$here/$1/go.sum" | sha256sum | cut -c1-12; }

need_go() {
  command -v go >/dev/null 2>&1 || fail "Go is not installed, and it is needed to build the Pulumi toolchain." \
    "Install Go 1.25 or newer (https://go.dev/dl/ or your package manager)."
  local gv
  gv="$(go env GOVERSION 2>/dev/null | sed 's/^go//')"
  case "$gv" in
    1.2[5-9]*|1.[3-9][0-9]*|[2-9].*) ;;
    *) fail "Go $gv is too old: the toolchain needs Go 1.25 or newer." "Upgrade Go." ;;
  esac
}

# build <name> <module dir> <package> <output binary> <ldflags> <dest folder>
# Builds into a temporary folder next to the destination, then renames it into place.
build() {
  local name="$1" mod="$2" pkg="$3" out="$4" ldflags="$5" dest="$6"
  need_go
  local tmp log start
  tmp="$(mktemp -d "$cache/.tmp-build-XXXXXX")"
  log="$cache/build-$name.log"
  start=$(date +%s)
  if [ -z "${GENESYS_FLOWS_BUILD_ANNOUNCED:-}" ]; then
    # Once per run, before the first build: a command that needs the toolchain says it builds it.
    progress "the Pulumi toolchain is incomplete on this machine: building what is missing from the Go module proxy now (once per machine: about 10 minutes cold on 2 cores, up to 25 when they are busy, nothing to do afterwards; cache: $cache)"
    export GENESYS_FLOWS_BUILD_ANNOUNCED=1
  fi
  progress "building $name (first time on this machine; this can take several minutes; log: $log)"
  # GONOSUMDB: the checksum database behind the proxy here does not list every Pulumi module
  # version we pin; the committed go.sum files pin their content instead.
  if ! (cd "$here/$mod" && GOFLAGS=-mod=readonly GONOSUMDB="github.com/pulumi/pulumi" \
        go build -trimpath -ldflags "$ldflags" -o "$tmp/$out" "$pkg") >"$log" 2>&1; then
    rm -rf "$tmp"
    if grep -qE 'dial tcp|no such host|proxyconnect|i/o timeout|403 Forbidden|404 Not Found|410 Gone' "$log"; then
      fail "building $name failed: the Go module proxy did not serve a pinned module." \
        "$(grep -m3 -E 'dial tcp|no such host|proxyconnect|timeout|403|404|410' "$log") (full log: $log)"
    fi
    fail "building $name failed (compile error)." "$(tail -n 15 "$log") (full log: $log)"
  fi
  rm -rf "$dest"
  mkdir -p "$(dirname "$dest")"
  mv "$tmp" "$dest"
  progress "built $name in $(( $(date +%s) - start ))s"
}

