# Reads a pulumi command line the way tools/pulumi.sh needs it (sourced; bash).
#   pulumi_words <args...>  sets PULUMI_WORDS: the positional words (command, subcommand, ...),
#                           skipping flags and the values of the flags that take one;
#   pulumi_stack <args...>  sets PULUMI_ARG_STACK: the stack named by --stack/-s (or, for
#                           `stack select|init|rm <name>`, the positional name), else $PULUMI_STACK;
#   pulumi_parallel <args...>
#                           sets PULUMI_PARALLEL_ARGS: `--parallel N` for the commands that run
#                           resource operations (up, preview, refresh, destroy) when the line sets
#                           no parallelism, N from $GENESYS_FLOWS_PARALLEL (default 200 on an org's
#                           stack, 10 on local or with no stack named); else empty.
# shellcheck shell=bash

# Flags (global or of the commands the project runs) whose value is the next argument.
_pulumi_value_flag() {
  case "$1" in
    -C|--cwd|--color|-v|--verbose|--tracing|--tracing-header|--profiling|--memprofilerate|-s|--stack|\
    --policy-pack|--policy-pack-config|--config-file|-c|--config|-m|--message|-t|--target|--target-replace|\
    --replace|--exclude|--parallel|-p|--secrets-provider|--event-log|--plan|--save-plan|--exec-kind|\
    --exec-agent|--client|--import-file|--attach-debugger) return 0 ;;
  esac
  return 1
}

pulumi_words() {
  PULUMI_WORDS=()
  local skip=0 arg
  for arg in "$@"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case "$arg" in
      --) break ;;
      -*=*) ;;
      -*) _pulumi_value_flag "$arg" && skip=1 ;;
      *) PULUMI_WORDS+=("$arg") ;;
    esac
  done
  return 0
}

pulumi_stack() {
  PULUMI_ARG_STACK=""
  local prev="" arg
  for arg in "$@"; do
    case "$prev" in --stack|-s) PULUMI_ARG_STACK="$arg" ;; esac
    case "$arg" in --stack=*) PULUMI_ARG_STACK="${arg#--stack=}" ;; -s=*) PULUMI_ARG_STACK="${arg#-s=}" ;; esac
    prev="$arg"
  done
  if [ -z "$PULUMI_ARG_STACK" ]; then
    pulumi_words "$@"
    if [ "${PULUMI_WORDS[0]:-}" = stack ] && [ -n "${PULUMI_WORDS[2]:-}" ]; then
      case "${PULUMI_WORDS[1]:-}" in select|init|rm) PULUMI_ARG_STACK="${PULUMI_WORDS[2]}" ;; esac
    fi
  fi
  [ -n "$PULUMI_ARG_STACK" ] || PULUMI_ARG_STACK="${PULUMI_STACK:-}"
  return 0
}

# The value of flag $1 in the remaining arguments (`--flag v` or `--flag=v`), all occurrences, one a line.
pulumi_flag_values() {
  local flag="$1" prev="" arg
  shift
  for arg in "$@"; do
    [ "$prev" = "$flag" ] && printf '%s\n' "$arg"
    case "$arg" in "$flag"=*) printf '%s\n' "${arg#"$flag"=}" ;; esac
    prev="$arg"
  done
  return 0
}

# The engine's parallelism (issues 28, 54 and 63; docs/benchmark.md, "What bounds a cascade").
# Pulumi's default is 4 x the CPU count: 8 on a 2-core runner, 64 on a 16-core one. A deploy waits on
# the Genesys API, not on the CPU, so the runner's size should not decide how many publishes hit the
# org at once: a fixed number. On an org (any stack but local) 200: every publish waits one of the
# provider's 15 s job polls, and what a stack keeps in flight is its provider processes times their
# token pools (planner/publishers.ts), at most 8 x 25 with the defaults; the engine
# must not hold back less (test/unit/pulumiWrapper.test.ts ties the two). Operations beyond a
# process's pool wait inside the provider for a token. The local stack keeps 10: the emulator's jobs
# finish at once and its provider has one token. A --parallel/-p on the line wins;
# GENESYS_FLOWS_PARALLEL sets another default for every stack. Returns 2 with a message for a bad value.
PULUMI_PARALLEL_ORG=200
PULUMI_PARALLEL_LOCAL=10
pulumi_parallel() {
  PULUMI_PARALLEL_ARGS=()
  local arg
  pulumi_words "$@"
  case "${PULUMI_WORDS[0]:-}" in up|update|preview|pre|refresh|destroy|down|dn) ;; *) return 0 ;; esac
  for arg in "$@"; do
    case "$arg" in
      # After `--` the words are not pulumi's: add nothing rather than guess where flags may go.
      --) return 0 ;;
      --parallel|--parallel=*|-p|-p*) return 0 ;;
    esac
  done
  pulumi_stack "$@"
  local fallback="$PULUMI_PARALLEL_ORG"
  case "$PULUMI_ARG_STACK" in local|"") fallback="$PULUMI_PARALLEL_LOCAL" ;; esac
  local value="${GENESYS_FLOWS_PARALLEL:-$fallback}"
  if ! [[ "$value" =~ ^[1-9][0-9]{0,3}$ ]]; then
    echo "pulumi.sh: GENESYS_FLOWS_PARALLEL must be a whole number of resource operations at once (1-9999), not \"$value\"" >&2
    return 2
  fi
  PULUMI_PARALLEL_ARGS=(--parallel "$value")
  return 0
}
