// A stack's file: Pulumi's own name for it (Pulumi.<stack>.yaml, at the project's root), the one
// place it is spelled; every message naming a stack's file and every read of one takes it from here.

/** The stack file of stack `stack`. */
export function stackFileName(stack: string): string {
  return `Pulumi.${stack}.yaml`;
}
