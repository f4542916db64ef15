import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { navigations } from '../router';
import { t } from '../../i18n';

let focusedFor = 0;

/**
 * The page's `<h1>`. After an in-app navigation it takes focus once, so screen reader and
 * keyboard users start at the new page's heading; on the first screen focus stays at the
 * top so the skip link comes first.
 */
export function PageHeading({ children, className = 'govuk-heading-l' }: { children: ComponentChildren; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // Before paint, not after: a heading that took focus a frame late could pull it away from a
  // field the person had already started typing in.
  useLayoutEffect(() => {
    const current = navigations();
    if (current > focusedFor) {
      focusedFor = current;
      if (!isField(document.activeElement)) ref.current?.focus({ preventScroll: false });
    }
  }, []);
  return (
    <h1 ref={ref} class={className} tabIndex={-1}>
      {children}
    </h1>
  );
}

function isField(element: Element | null): boolean {
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement;
}

/** Sets `document.title` as "Page – Engagement – Heard", prefixed with "Error: " while errors show. */
export function useDocumentTitle(parts: Array<string | undefined>, hasError = false): void {
  const title = [...parts.filter(Boolean), t('app.name')].join(t('app.titleSeparator'));
  const full = hasError ? `${t('app.errorTitlePrefix')}${title}` : title;
  // With the heading's focus and the error summary's, before paint: all three change together.
  useLayoutEffect(() => {
    document.title = full;
  }, [full]);
}
