// Maps a node id (and a path inside it) to a line and column of the flow's YAML file, so lint
// results point at the node in the editor and in code scanning. Pure: takes the file's text.
import { LineCounter, isMap, isScalar, parseDocument } from "yaml";
import type { Pair } from "yaml";

export interface Position {
  line: number;
  column: number;
}

export type Locator = (node?: string, path?: readonly string[]) => Position;

const TOP: Position = { line: 1, column: 1 };

/** A locator over one YAML text. Unknown nodes or paths fall back to the deepest part found. */
export function makeLocator(text: string): Locator {
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  } catch {
    return () => TOP;
  }
  const at = (pair: Pair | undefined): Position | undefined => {
    const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    if (!range) return undefined;
    const { line, col } = lineCounter.linePos(range[0]);
    return { line, column: col };
  };
  return (node, path = []) => {
    let container: unknown = doc.contents;
    let best: Position = TOP;
    const segments = node !== undefined ? ["nodes", node, ...path] : [...path];
    for (const segment of segments) {
      const pair = findPair(container, segment);
      const pos = at(pair);
      if (!pair || !pos) break;
      best = pos;
      container = pair.value;
    }
    return best;
  };
}

function findPair(container: unknown, key: string): Pair | undefined {
  if (!isMap(container)) return undefined;
  return (container.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === key);
}
