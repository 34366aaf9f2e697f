# Reads a pulumi command line the way tools/pulumi.sh needs it (sourced; bash).
#   pulumi_words <args...>  sets PULUMI_WORDS: the positional words (command, subcommand, ...),
#                           skipping flags and the values of the flags that take one;
#   pulumi_stack <args...>  sets PULUMI_ARG_STACK: the stack named by --stack/-s (or, for
#                           `stack select|init|rm <name>`, the positional name), else $PULUMI_STACK.
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
