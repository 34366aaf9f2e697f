// Mermaid diagrams of the flow model (pure), their layout plan, and rendering them to images.
export * from "./mermaid";
export * from "./layout";
