import type { ComponentChildren } from 'preact';

/**
 * A wide table's frame: on a narrow screen the table scrolls sideways inside it rather than
 * the page, and the frame can take focus so the keyboard can scroll it too.
 */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="app-ws-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
