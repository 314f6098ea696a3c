import highsLoader, { type Highs } from 'highs';

// `highs` ships CJS-flavoured types for a real ESM runtime: unwrap a possible `default` once.
const load = ((highsLoader as unknown as { default?: typeof highsLoader }).default ?? highsLoader) as typeof highsLoader;

let cached: Promise<Highs> | undefined;

/** Loads the HiGHS WASM runtime once per process (about 150 ms the first time) and reuses it. */
export function loadHighs(): Promise<Highs> {
  cached ??= load();
  return cached;
}
