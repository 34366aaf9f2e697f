// The shipped examples (the reference portfolio of templates/portfolio/: the flows, routing and
// scenarios a team's repository starts from, with their stack files, policy configs and the local
// org), as the tests of the examples read them: a copy in a temporary project of the template's
// portfolio files, never a team's flows/ or routing/ (in a team's repository there is neither this
// file nor any test of the tool). The template is the tool's own file: the same one `init` writes.
import { fillTemplate, templateFiles } from "../project/template";
import { tempProject } from "./tempProject";

/** What the examples are made of: their folders, and the project files they are checked with. */
const PORTFOLIO = /^(flows|routing|objects|scenarios|orgs|policies\/config)\/|^Pulumi\.[^/]+\.yaml$/;

/** The examples' files (path -> content), from the template; Pulumi.yaml names the project as this repository does. */
export function shippedExampleFiles(): Record<string, string> {
  const filled = fillTemplate(templateFiles(), { project: "genesys-flows", version: "0.0.0" });
  return Object.fromEntries([...filled].filter(([file]) => PORTFOLIO.test(file) || file === "Pulumi.yaml"));
}

/** A temporary project holding the shipped examples and nothing else. */
export function shippedExamplesProject(): string {
  return tempProject(shippedExampleFiles());
}
