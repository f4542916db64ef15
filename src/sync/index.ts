/** Sync: drains the outbox to the server in batches and decides when to try. No DOM. */
export { RetryableError, BatchRefusedError } from './errors';
export { httpTransport, type Transport } from './transport';
export { audioIdsOf } from './audio-ids';
export type { AudioUploader } from './audio-upload';
export { drain, DEFAULT_MAX_BATCH_BYTES, type DrainResult, type DrainOptions } from './drain';
export { backoffDelay } from './backoff';
export { SyncScheduler, type SyncState, type SyncSchedulerOptions, type TriggerReason } from './scheduler';
