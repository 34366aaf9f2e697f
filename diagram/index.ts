// Mermaid diagrams of the flow model. Pure.
export * from "./mermaid";
