// Names the compiler reserves in compiled flows.
import { RESERVED_OUTCOME_NAME } from "../model/types";

export { RESERVED_OUTCOME_NAME };
/** The module output carrying the module's outcome, `completed` or `error`. */
export const OUTCOME_VARIABLE = `Common.${RESERVED_OUTCOME_NAME}`;
