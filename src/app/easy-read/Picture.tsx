/**
 * One OpenMoji pictogram, served from `/pictures/<HEX>.svg` (copied there at build time and
 * precached, so pictures show offline). Decorative by default (`alt=""`): in easy read the
 * words beside a picture always say what it shows, and reading both would say it twice.
 */
export function Picture({ id, alt = '', size = 56, className }: { id: string; alt?: string; size?: number; className?: string }) {
  return (
    <img
      class={className ? `app-picture ${className}` : 'app-picture'}
      src={pictureUrl(id)}
      alt={alt}
      width={size}
      height={size}
      decoding="async"
    />
  );
}

/** Where the picture with this OpenMoji hex code is served. */
export function pictureUrl(id: string): string {
  return `/pictures/${encodeURIComponent(id)}.svg`;
}
