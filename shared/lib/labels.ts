/** A vocabulary: code names (used in code and stored) → the Chinese the UI shows. */
export type Labelled<K extends string> = Readonly<Record<K, string>>;

/**
 * The code names of a label table, in its order, as a non-empty tuple: the single source for a
 * `z.enum`, a filter's options and the seed generator.
 */
export function keysOf<K extends string>(labels: Labelled<K>): [K, ...K[]] {
  return Object.keys(labels) as [K, ...K[]];
}
