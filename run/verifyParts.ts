// The registry of verify's parts (run/verifyPart.ts says what a part is): each feature's one file,
// registered once here, in the order verify asks them. Adding a part is its file and one line below.
import { peopleVerify } from "./people/verify";
import type { VerifyPart } from "./verifyPart";

export const VERIFY_PARTS: readonly VerifyPart[] = [peopleVerify];
