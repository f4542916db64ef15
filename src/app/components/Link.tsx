import type { ComponentChildren, JSX } from 'preact';
import { navigate } from '../router';
import { flushDraftSave } from '../draft-autosave';

/** Props of an in-app link: an anchor whose `href` is a path inside the app. */
export type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & { href: string; children: ComponentChildren };

/**
 * An ordinary `<a href>` that, on a plain click, saves the draft and changes page without a
 * reload. Modified clicks (new tab, new window) are left to the browser.
 */
export function Link({ href, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void flushDraftSave().then(() => navigate(href));
  };
  return (
    <a href={href} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
