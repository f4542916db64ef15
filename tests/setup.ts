// One set-up for the unit and DOM tests: a real IndexedDB implementation in memory,
// and Testing Library's clean-up between tests.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';

afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/preact');
    cleanup();
  }
});
