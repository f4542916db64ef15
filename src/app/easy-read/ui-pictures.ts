/**
 * Pictures for the app's own answers in easy read, chosen here rather than in the strings
 * files so translators never need to touch them. OpenMoji hex codes (see easy-read/README.md).
 */

/** Agree, disagree and not sure, as big picture buttons. */
export const VOTE_PICTURES = { agree: '1F44D', disagree: '1F44E', unsure: '1F937' } as const;

/** A theme card's headings: what people said (speech bubble) and your comment (memo). */
export const CARD_PICTURES = { quotes: '1F4AC', comment: '1F4DD' } as const;

/** The "you said, we heard" page's headings: what we heard (ear), quotes, what happens next (calendar), your code (receipt). */
export const FINDINGS_PICTURES = { heard: '1F442', quotes: '1F4AC', next: '1F4C5', receipt: '1F9FE' } as const;

/** Pictures the app's own screens use, so the build copies them (see build/pictures.ts). */
export const UI_PICTURES: readonly string[] = [...Object.values(VOTE_PICTURES), ...Object.values(CARD_PICTURES), ...Object.values(FINDINGS_PICTURES), '1F3A4', '1F50A'];
