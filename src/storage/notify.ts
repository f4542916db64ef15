/** Channel every context (pages, service worker) listens on for outbox changes. */
export const OUTBOX_CHANNEL = 'heard-outbox';

type Listener = () => void;

const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

function openChannel(): BroadcastChannel | undefined {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(OUTBOX_CHANNEL);
  // A channel never hears its own posts, so local listeners are called directly in notify.
  channel.onmessage = () => callAll();
  return channel;
}

function callAll(): void {
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch (error) {
      // One broken listener must not stop the others, nor fail the write that already committed.
      setTimeout(() => {
        throw error;
      });
    }
  }
}

/** Notifies this and every other context (pages, service worker) that the outbox changed; uses BroadcastChannel('heard-outbox') plus local listeners. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  openChannel();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && channel) {
      // An open channel keeps a worker (and Node) alive; hold it only while someone listens.
      channel.close();
      channel = undefined;
    }
  };
}

/** Tells every context that the outbox changed. Called after a write's transaction completes. */
export function notifyOutboxChange(): void {
  callAll();
  const open = channel ?? openChannel();
  open?.postMessage({ type: 'outbox-changed' });
  if (listeners.size === 0 && open) {
    open.close();
    channel = undefined;
  }
}
