/** The contract shared by the page, the service worker and the server. */
export * from './api';
export * from './audio';
export * from './contribution';
export * from './deck-vote-id';
export * from './engagement';
export * from './limits';
export * from './validate';
