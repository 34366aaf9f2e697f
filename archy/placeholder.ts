// The Genesys provider's substitution placeholder, `{{key}}`: the provider replaces it by exact
// text in a flow file before the upload. Archy read before a stack fills it may hold one anywhere
// (a name, a key, inside an expression). Pure.

/** A provider substitution placeholder, exactly as the Genesys provider replaces it. */
export const PLACEHOLDER_PATTERN = /\{\{([A-Za-z0-9_.-]+)\}\}/g;
