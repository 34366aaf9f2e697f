// The rule every "unknown" verdict of the Archy catalogue is reported under (archy/verdicts.ts):
// advisory by default, mandatory where a stack's policy config asks for strict checking.
export const UNKNOWN_RULE = "archy-unknown";
