import { describe, expect, it } from 'vitest';
import type { OutputBundle, OutputChunk } from 'rollup';
import { eagerModules } from '../../build/lazy-only';

const WORKSPACE = [/\/src\/workspace\//];

function chunk(fileName: string, modules: string[], links: { imports?: string[]; dynamicImports?: string[]; isEntry?: boolean } = {}): OutputChunk {
  return {
    type: 'chunk',
    fileName,
    isEntry: links.isEntry ?? false,
    imports: links.imports ?? [],
    dynamicImports: links.dynamicImports ?? [],
    modules: Object.fromEntries(modules.map((id) => [id, { renderedLength: 100, code: 'x', originalLength: 100, removedExports: [], renderedExports: [] }])),
    code: '',
  } as unknown as OutputChunk;
}

const bundleOf = (...chunks: OutputChunk[]): OutputBundle => Object.fromEntries(chunks.map((c) => [c.fileName, c])) as OutputBundle;

describe('lazy-only modules', () => {
  it('are allowed behind a dynamic import', () => {
    const bundle = bundleOf(
      chunk('assets/index.js', ['/work/src/app/main.tsx'], { isEntry: true, dynamicImports: ['assets/workspace-workspace.js'] }),
      chunk('assets/workspace-workspace.js', ['/work/src/workspace/workspace.tsx']),
    );
    expect(eagerModules(bundle, WORKSPACE)).toEqual([]);
  });

  it('are reported in the entry chunk or in a chunk it imports statically', () => {
    const bundle = bundleOf(
      chunk('assets/index.js', ['/work/src/app/main.tsx', '/work/src/workspace/api.ts'], { isEntry: true, imports: ['assets/shared.js'] }),
      chunk('assets/shared.js', ['/work/src/workspace/i18n.ts']),
    );
    expect(eagerModules(bundle, WORKSPACE)).toEqual(['assets/index.js: /work/src/workspace/api.ts', 'assets/shared.js: /work/src/workspace/i18n.ts']);
  });
});
