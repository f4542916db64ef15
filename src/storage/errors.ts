/** Thrown with a clear message when the device is full (QuotaExceededError); the caller keeps the person's answers on screen. */
export class StorageFullError extends Error {
  constructor(options?: ErrorOptions) {
    super('This device is out of storage space, so the answers could not be saved here. They are still on the screen.', options);
    this.name = 'StorageFullError';
  }
}

// Chromium and WebKit name it QuotaExceededError; older Firefox used its own name.
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && QUOTA_NAMES.has(String(error.name));
}

/** Turns a write failure into StorageFullError when the device is full; anything else passes through. */
export function mapWriteError(error: unknown): unknown {
  if (error instanceof StorageFullError) return error;
  // idb rejects an aborted transaction's `done` with the transaction's own error, so the
  // quota failure arrives here by name whether the request or the commit hit the limit.
  if (isQuotaError(error)) return new StorageFullError({ cause: error });
  return error;
}

/** Runs a write and rethrows a full-device failure as StorageFullError. */
export async function writing<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw mapWriteError(error);
  }
}
