// Limits and windows more than one room must agree on.

/**
 * Response bodies are kept for diagnosis only, capped to this many characters wherever they
 * enter (DevTools, the worker, HAR files): an auth failure's error text is short.
 */
export const BODY_CAP_CHARS = 64 * 1024;

/**
 * How far around a failure (ms, either side) the tab's other requests matter: the engine's
 * patterns (a refresh that recovered, a refresh loop, a burst) look this far, so the worker keeps
 * context entries this long after each failure and the UIs hand the engine this much history.
 */
export const PATTERN_WINDOW_MS = 60_000;
