/**
 * The five faces of the scale, drawn rather than taken from an emoji font: some phones and
 * tablets lack one or more of the emoji, and a missing face would leave a blank box.
 * The shape of the mouth carries the meaning; the tint only helps.
 */

const MOUTHS = ['M14 35 Q24 24 34 35', 'M15 33 Q24 28 33 33', 'M15 31 L33 31', 'M15 29 Q24 34 33 29', 'M13 28 Q24 41 35 28'];
const TINTS = ['#fcd6d1', '#fde6cf', '#fff3bf', '#e4f2dc', '#cce8d6'];

/** One face of the scale, 1 (very unhappy) to 5 (very happy); decorative, since its label says the same. */
export function Face({ value, small = false }: { value: number; small?: boolean }) {
  const i = Math.min(Math.max(Math.round(value), 1), 5) - 1;
  return (
    <svg
      class={small ? 'app-face app-face--small' : 'app-face'}
      viewBox="0 0 48 48"
      width={small ? 28 : 40}
      height={small ? 28 : 40}
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="24" cy="24" r="21" fill={TINTS[i]} stroke="currentColor" stroke-width="3" />
      <circle cx="17" cy="19" r="2.5" fill="currentColor" />
      <circle cx="31" cy="19" r="2.5" fill="currentColor" />
      <path d={MOUTHS[i]} fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
    </svg>
  );
}
