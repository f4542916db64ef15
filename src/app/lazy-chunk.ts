import { useEffect, useState } from 'preact/hooks';

/**
 * A part of the page that loads as its own chunk the first time it is wanted (the service
 * worker precaches every chunk, so it opens offline too). Fetched once per page: every screen
 * that wants it shares the one promise. A failed fetch is forgotten, so the next screen to want
 * it tries again.
 */
export interface LazyChunk<M> {
  /** Starts (or joins) the fetch. */
  load(): Promise<M>;
  /** The module once it has arrived, for a first render without a loading state. */
  ready(): M | undefined;
}

/** A chunk that `fetch` brings (its module, and whatever strings or styles it needs with it). */
export function lazyChunk<M>(fetch: () => Promise<M>): LazyChunk<M> {
  let pending: Promise<M> | undefined;
  let arrived: M | undefined;
  return {
    load() {
      pending ??= fetch().then(
        (module) => (arrived = module),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
    ready: () => arrived,
  };
}

/**
 * The chunk's module once it is here, `undefined` while it loads (or while it is not
 * `wanted`), `'failed'` when it could not be fetched.
 */
export function useLazyChunk<M>(chunk: LazyChunk<M>, wanted = true): M | 'failed' | undefined {
  const [module, setModule] = useState<M | 'failed' | undefined>(chunk.ready);
  useEffect(() => {
    if (!wanted || chunk.ready()) return;
    let alive = true;
    chunk.load().then(
      (found) => alive && setModule(() => found),
      () => alive && setModule('failed'),
    );
    return () => {
      alive = false;
    };
  }, [chunk, wanted]);
  if (!wanted) return undefined;
  return chunk.ready() ?? module;
}
