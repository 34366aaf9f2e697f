# The local policy gate of tools/pulumi.sh (sourced; bash; needs tools/pulumiArgs.sh).
#   policy_gate <root> <args...>
# `pulumi up|update|preview|pre` on any stack but `local` must carry the project's policy pack
# (`--policy-pack policies`) and the stack's own policy config
# (`--policy-pack-config policies/config/<stack>.json`), or the user must say explicitly that this
# run goes without: the flag `--without-policy-pack` (removed before pulumi sees it) or
# GENESYS_FLOWS_WITHOUT_POLICY_PACK=1. Sets POLICY_GATE_ARGS (the arguments to pass on); prints
# why and returns 2 when it refuses. This gate protects people from mistakes; what makes the gate
# binding for a team is Pulumi Cloud policy groups and branch protection (docs/policy-pack.md, "Making the gate binding").
# shellcheck shell=bash

_policy_gate_abs() {
  local p="$1" dir
  case "$p" in /*) ;; *) p="$PWD/$p" ;; esac
  p="${p%/}"
  dir="$(cd "$(dirname "$p")" 2>/dev/null && pwd -P)" || { printf '%s\n' "$p"; return; }
  printf '%s/%s\n' "$dir" "$(basename "$p")"
}

policy_gate() {
  local root="$1"
  shift
  POLICY_GATE_ARGS=()
  local without=0 arg
  for arg in "$@"; do
    if [ "$arg" = --without-policy-pack ]; then without=1; else POLICY_GATE_ARGS+=("$arg"); fi
  done
  [ "${GENESYS_FLOWS_WITHOUT_POLICY_PACK:-}" = 1 ] && without=1

  pulumi_words "${POLICY_GATE_ARGS[@]}"
  case "${PULUMI_WORDS[0]:-}" in up|update|preview|pre) ;; *) return 0 ;; esac
  local command="${PULUMI_WORDS[0]}"
  pulumi_stack "${POLICY_GATE_ARGS[@]}"
  local stack="$PULUMI_ARG_STACK"
  [ "$stack" = local ] && return 0

  if [ "$without" = 1 ]; then
    printf '[pulumi.sh] warning: `pulumi %s` on stack "%s" runs WITHOUT the policy gate (--without-policy-pack / GENESYS_FLOWS_WITHOUT_POLICY_PACK=1).\n' \
      "$command" "${stack:-<selected>}" >&2
    return 0
  fi

  local want_pack want_config have ok_pack=0 ok_config=0
  want_pack="$(_policy_gate_abs "$root/policies")"
  want_config="$(_policy_gate_abs "$root/policies/config/$stack.json")"
  while IFS= read -r have; do
    [ "$(_policy_gate_abs "$have")" = "$want_pack" ] && ok_pack=1
  done < <(pulumi_flag_values --policy-pack "${POLICY_GATE_ARGS[@]}")
  while IFS= read -r have; do
    [ "$(_policy_gate_abs "$have")" = "$want_config" ] && ok_config=1
  done < <(pulumi_flag_values --policy-pack-config "${POLICY_GATE_ARGS[@]}")

  if [ -z "$stack" ]; then
    {
      printf 'pulumi.sh: refusing `pulumi %s` without --stack: only the `local` stack may run without the policy pack,\n' "$command"
      printf '  and the stack decides which policy config applies. Name it: --stack <name>.\n'
      printf '  To run without the policy pack anyway, say so: add --without-policy-pack or set GENESYS_FLOWS_WITHOUT_POLICY_PACK=1.\n'
    } >&2
    return 2
  fi
  if [ "$ok_pack" = 1 ] && [ "$ok_config" = 1 ]; then return 0; fi
  {
    printf 'pulumi.sh: refusing `pulumi %s` on stack "%s" without the project'"'"'s policy pack and that stack'"'"'s policy config.\n' "$command" "$stack"
    [ "$ok_pack" = 1 ] || printf '  missing: --policy-pack policies\n'
    [ "$ok_config" = 1 ] || printf '  missing: --policy-pack-config policies/config/%s.json\n' "$stack"
    printf '  `npm run %s -- --stack %s` passes both for you.\n' "$( [ "$command" = preview ] || [ "$command" = pre ] && echo preview || echo up)" "$stack"
    printf '  To run without them anyway, say so: add --without-policy-pack or set GENESYS_FLOWS_WITHOUT_POLICY_PACK=1.\n'
  } >&2
  return 2
}
