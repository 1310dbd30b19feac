/**
 * A mutual-exclusion lock for workflow code built on a promise chain: each `run` starts after the
 * previous one settles, so update handlers that await activities persist their steps in the order
 * in which they took the lock. Deterministic, because it uses only promises.
 */
export interface Lock {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createLock(): Lock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task);
      // The next task waits for this one to settle, whether it succeeded or failed.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
