/** On-device storage: drafts, the outbox, the delivery ledger, cached engagements and settings. */
export { StorageFullError } from './errors';
export { draftKey, saveDraft, loadDraft, deleteDraft, listDrafts, type Draft, type DraftAnswer } from './drafts';
export {
  submitContribution,
  listQueued,
  listNeedsAttention,
  countOutbox,
  recordAttempt,
  markNeedsAttention,
  retryEntry,
  type OutboxEntry,
  type OutboxState,
} from './outbox';
export { confirmDelivered, countLedger, getLedgerEntry, listLedger, type LedgerEntry, type DeliveredReceipt } from './ledger';
export { cacheEngagement, getCachedEngagement, listCachedEngagements } from './engagements';
export { cacheFindings, getCachedFindings, type CachedFindings } from './findings';
export { getMeta, setMeta } from './meta';
export { onOutboxChange } from './notify';
export { renewDeckSecret } from './deck-secret';
export { getDeckSecret, getDeckVotes, queueDeckVote, type DeckVote, type DeckVoteOutcome } from './deck';
export { requestPersistence } from './persistence';
export { closeDb, DB_NAME, DB_VERSION } from './db';
export { saveAudio, getAudio, markAudioUploaded, deleteAudio, deleteUnreferencedAudio, type AudioRecord, type AudioRef } from './audio';
export {
  getAssistedMode,
  enterAssistedMode,
  checkPin,
  leaveAssistedMode,
  clearAllDrafts,
  listReadyEvents,
  rememberReadyEvent,
  type AssistedMode,
  type PinCheck,
  type ReadyEvent,
} from './assisted';
export { queueAboutYou, listAboutYou, deleteAboutYou, deferAboutYou, type AboutYouRecord } from './about-you';
