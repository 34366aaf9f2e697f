// The flow model diff: compute (flowDiff) and render as text or Markdown (render). Pure.
export * from "./flowDiff";
export * from "./render";
