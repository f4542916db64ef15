/**
 * Pictures for the app's own answers in easy read, chosen here rather than in the strings
 * files so translators never need to touch them. OpenMoji hex codes (see easy-read/README.md).
 */

/** Agree, disagree and not sure, as big picture buttons. */
export const VOTE_PICTURES = { agree: '1F44D', disagree: '1F44E', unsure: '1F937' } as const;

/** Pictures the app's own screens use, so the build copies them (see build/pictures.ts). */
export const UI_PICTURES: readonly string[] = [...Object.values(VOTE_PICTURES), '1F3A4', '1F50A'];
