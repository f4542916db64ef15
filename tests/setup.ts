// One set-up for the unit and DOM tests: a real IndexedDB implementation in memory,
// and Testing Library's clean-up between tests.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll } from 'vitest';

beforeAll(async () => {
  if (typeof document !== 'undefined') {
    const { configure } = await import('@testing-library/preact');
    // Screens load their lazy chunks (workspace, easy read, tablet pages) on first use; on a
    // busy two-core CI machine that alone can take longer than Testing Library's default 1 s.
    configure({ asyncUtilTimeout: 5000 });
  }
});

afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/preact');
    cleanup();
  }
});
