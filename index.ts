// The Pulumi program: the portfolio of flows under flows/, deployed for the selected stack
// (components/program.ts), every guard bound (run/): whoever runs pulumi gets the same refusals
// as the project's own commands, which run this same program in their process (engine/). See
// components/program.ts stackOutputs for the stack outputs.
import { runProgram, stackOutputs } from "./components/program";

export = async () => stackOutputs(await runProgram());
