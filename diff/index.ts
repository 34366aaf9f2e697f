// The flow model diff: load both sides (portfolioDiff), compute (flowDiff) and render as text or
// Markdown (render). Pure.
export * from "./flowDiff";
export * from "./portfolioDiff";
export * from "./render";
export * from "./deployPlan";
export * from "./review";
export * from "./orgState";
