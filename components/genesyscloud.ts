// The official Genesys provider's SDK as a team's repository imports it ("genesys-flows/genesyscloud"):
// the whole provider (sdks/genesyscloud, bundled in the package), the same package and plugin the
// program deploys with. A team's components give its resources the stack's provider, `provider` of
// runProgram()'s result (templates/portfolio/components/README.md), so they reach the same org.
export * from "@pulumi/genesyscloud";
