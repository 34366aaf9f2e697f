// The Pulumi program of this repository: genesys-flows deploys the flows under flows/ and the
// routing under routing/ with the settings of Pulumi.<stack>.yaml. Plain `pulumi up` and
// `npm run up` run this same file. Resources of your own go beside it (its components/ folder).
import { runProgram, stackOutputs } from "genesys-flows/program";

export = async () => stackOutputs(await runProgram());
