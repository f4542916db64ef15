import type { Plugin } from 'vite';
import type { OutputBundle, PreRenderedChunk } from 'rollup';
import { firstLoadChunks } from './size-budget';

/** What `lazyOnly` keeps out of the first load, and the file-name prefix its chunks get. */
export interface LazyOnlyOptions {
  /** Module ids (absolute paths) that may only ever load through a dynamic import. */
  modules: RegExp[];
  /** Prefix for the chunks that hold them, e.g. `workspace`, so the precache can leave them out. */
  prefix: string;
}

/** Modules matching `patterns` that the first load would download, as "chunk: module" lines. */
export function eagerModules(bundle: OutputBundle, patterns: RegExp[]): string[] {
  return firstLoadChunks(bundle).flatMap((chunk) =>
    Object.entries(chunk.modules)
      .filter(([id, module]) => module.renderedLength > 0 && patterns.some((p) => p.test(id)))
      .map(([id]) => `${chunk.fileName}: ${id}`),
  );
}

/**
 * Keeps code that only some visitors need (the organisers' workspace) out of everyone's first
 * load: its chunks are named `assets/<prefix>-…` (so the service worker's precache can skip
 * them), and the build fails when any of its modules reaches an entry chunk or a static import
 * of one.
 */
export function lazyOnly(options: LazyOnlyOptions): Plugin {
  const matches = (ids: readonly string[]) => ids.some((id) => options.modules.some((p) => p.test(id)));
  return {
    name: 'heard:lazy-only',
    apply: 'build',
    outputOptions(output) {
      const previous = output.chunkFileNames;
      const chunkFileNames = (chunk: PreRenderedChunk): string => {
        if (matches(chunk.moduleIds)) return `assets/${options.prefix}-[name]-[hash].js`;
        if (typeof previous === 'function') return previous(chunk);
        return previous ?? 'assets/[name]-[hash].js';
      };
      return { ...output, chunkFileNames };
    },
    generateBundle(_options, bundle) {
      const eager = eagerModules(bundle, options.modules);
      if (eager.length > 0) {
        this.error(`Lazy-only code is in the first load (import it dynamically instead):\n  ${eager.join('\n  ')}`);
      }
    },
  };
}
