# Keeps pulumi from rewriting the committed stack files (sourced by tools/pulumi.sh; bash; needs
# tools/pulumiArgs.sh).
#
# Why: pulumi saves Pulumi.<stack>.yaml whenever it initialises or falls back to a secrets
# provider (stack creation on a file/S3 backend writes `encryptionsalt`; `up`/`preview` of a stack
# whose file lacks it copy it back from the state), and saving re-serialises the whole file
# (`false` becomes "false"). So:
#   - engine commands (up, preview, destroy, refresh, import, watch) run on a temporary copy
#     (`--config-file <copy>`) unless you pass --config-file yourself; what pulumi wanted to change
#     is printed, the committed file is left alone;
#   - every other command except the ones that write stack files on purpose (`config ...`,
#     `stack init|change-secrets-provider|rename|rm`, `new`) is checked: any committed
#     Pulumi.<stack>.yaml whose bytes changed is restored and the run fails naming the file.
#
#   stack_file_guard_begin <root> <args...>   sets STACK_FILE_GUARD_ARGS (extra args for pulumi)
#   stack_file_guard_end                      0 when every file is byte-identical, else restores, explains, 1
# shellcheck shell=bash

stack_file_guard_begin() {
  STACK_FILE_GUARD_ROOT="$1"
  shift
  STACK_FILE_GUARD_ARGS=()
  STACK_FILE_GUARD_DIR=""
  STACK_FILE_GUARD_COPY=""
  STACK_FILE_GUARD_STACK=""
  pulumi_words "$@"
  local command="${PULUMI_WORDS[0]:-}" sub="${PULUMI_WORDS[1]:-}"
  case "$command" in
    config|new) return 0 ;;
    stack) case "$sub" in init|change-secrets-provider|rename|rm) return 0 ;; esac ;;
  esac
  # In the project's git-ignored .work/: a run killed with SIGKILL cannot clean up after itself.
  mkdir -p "$STACK_FILE_GUARD_ROOT/.work"
  STACK_FILE_GUARD_DIR="$(mktemp -d "$STACK_FILE_GUARD_ROOT/.work/stack-files.XXXXXX")"
  local f
  for f in "$STACK_FILE_GUARD_ROOT"/Pulumi.*.yaml; do
    [ -f "$f" ] && cp -p "$f" "$STACK_FILE_GUARD_DIR/$(basename "$f")"
  done
  case "$command" in
    up|update|preview|pre|destroy|refresh|import|watch) ;;
    *) return 0 ;;
  esac
  [ -n "$(pulumi_flag_values --config-file "$@")" ] && return 0
  pulumi_stack "$@"
  STACK_FILE_GUARD_STACK="$PULUMI_ARG_STACK"
  local file="$STACK_FILE_GUARD_ROOT/Pulumi.$STACK_FILE_GUARD_STACK.yaml"
  if [ -n "$STACK_FILE_GUARD_STACK" ] && [ -f "$file" ]; then
    mkdir -p "$STACK_FILE_GUARD_DIR/run"
    STACK_FILE_GUARD_COPY="$STACK_FILE_GUARD_DIR/run/Pulumi.$STACK_FILE_GUARD_STACK.yaml"
    cp "$file" "$STACK_FILE_GUARD_COPY"
    STACK_FILE_GUARD_ARGS=(--config-file "$STACK_FILE_GUARD_COPY")
  fi
}

stack_file_guard_end() {
  [ -n "$STACK_FILE_GUARD_DIR" ] || return 0
  local rc=0 saved file name
  if [ -n "$STACK_FILE_GUARD_COPY" ] && ! cmp -s "$STACK_FILE_GUARD_COPY" "$STACK_FILE_GUARD_DIR/Pulumi.$STACK_FILE_GUARD_STACK.yaml"; then
    {
      printf '[pulumi.sh] note: pulumi rewrote its working copy of Pulumi.%s.yaml; the committed file was left unchanged.\n' "$STACK_FILE_GUARD_STACK"
      printf '[pulumi.sh] what it wanted to change (apply it yourself only if this stack needs it, e.g. the encryptionsalt of a passphrase stack):\n'
      diff -u --label "Pulumi.$STACK_FILE_GUARD_STACK.yaml (committed)" --label "Pulumi.$STACK_FILE_GUARD_STACK.yaml (pulumi)" \
        "$STACK_FILE_GUARD_DIR/Pulumi.$STACK_FILE_GUARD_STACK.yaml" "$STACK_FILE_GUARD_COPY" | sed 's/^/    /' | head -n 40
    } >&2
  fi
  for saved in "$STACK_FILE_GUARD_DIR"/Pulumi.*.yaml; do
    [ -f "$saved" ] || continue
    name="$(basename "$saved")"
    file="$STACK_FILE_GUARD_ROOT/$name"
    if ! cmp -s "$saved" "$file"; then
      {
        printf 'pulumi.sh: error: this pulumi command rewrote the committed %s; it has been restored byte for byte.\n' "$name"
        diff -u --label "$name (committed)" --label "$name (as pulumi left it)" "$saved" "$file" 2>/dev/null | sed 's/^/    /' | head -n 40
        printf '  Stack files change only on purpose: `npm run pulumi -- config set ...`, or `npm run pulumi -- stack init <name>`\n'
        printf '  (which writes encryptionsalt for passphrase stacks); review and commit that change yourself.\n'
      } >&2
      cp -p "$saved" "$file"
      rc=1
    fi
  done
  rm -rf "$STACK_FILE_GUARD_DIR"
  STACK_FILE_GUARD_DIR=""
  return "$rc"
}
