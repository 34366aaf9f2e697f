// The Pulumi program: the portfolio of flows under flows/, deployed for the selected stack
// (components/program.ts). See README for the stack settings.
import { runProgram } from "./components/program";

/** Every deployed flow: id, file, kind, published name, flow id, and the modules it calls. */
export const flows = runProgram().summary;
