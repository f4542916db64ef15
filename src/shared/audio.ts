/**
 * Spoken answers: what a recording may be, on the page, in the service worker and on the
 * server alike, so each side refuses the same things.
 */

/** Longest recording the page makes, in seconds (3 minutes). */
export const MAX_AUDIO_SECONDS = 180;

/**
 * Largest recording the server takes, in bytes (6 MiB): three minutes of Opus at the
 * browser's default bit rate is well under 2 MiB; AAC in MP4 (Safari) can be three times that.
 */
export const MAX_AUDIO_BYTES = 6 * 1024 * 1024;

/** The containers browsers record into, best first; the page picks the first one it supports. */
export const RECORDING_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus'] as const;

/** Media types (without parameters) the server stores. */
export const AUDIO_MEDIA_TYPES: readonly string[] = ['audio/webm', 'audio/mp4', 'audio/ogg', 'audio/mpeg', 'audio/aac', 'audio/wav'];

/** The media type without parameters, lower-cased: `audio/webm;codecs=opus` → `audio/webm`. */
export function baseMediaType(type: string): string {
  return (type.split(';')[0] ?? '').trim().toLowerCase();
}

/** True when `type` names one of the audio containers the server stores. */
export function isAcceptedAudioType(type: string | undefined): boolean {
  return type !== undefined && AUDIO_MEDIA_TYPES.includes(baseMediaType(type));
}
