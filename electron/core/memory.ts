import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full garbage collection on request, for the few moments a big job has just let go of most of
// what it held (an import between its parts). V8 sizes its heap from the live data at its last full
// collection, up to about three times over: after a county's preview (140 MB of records) it would
// let the import's write garbage pile up to 400 MB before looking again, which is the whole peak
// memory of the import (issue 16). A collection at the seams keeps the heap near what is live. V8
// only hands `gc` to a context made after the flag is set; if that fails, nothing happens.

let collect: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

let liveAfterLast = 0;
const mb = 1024 * 1024;

/**
 * A full collection once the heap has grown by `slackMb` since the last one made here: for a loop
 * that lets go of what it wrote (the import's chunks). V8 alone would wait until the heap had
 * grown to two or three times what was live at its last full collection — at a county's size
 * that garbage, not the data, was the import's peak memory.
 */
export function collectGarbageIfGrown(slackMb = 48): void {
  if (getHeapStatistics().used_heap_size - liveAfterLast < slackMb * mb) return;
  collectGarbage();
  liveAfterLast = getHeapStatistics().used_heap_size;
}
