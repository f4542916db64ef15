import { usePreferences } from '../preferences';
import { useLanguage } from '../use-t';
import type { ContentOptions } from '../content';
import { Picture } from '../easy-read/Picture';

/** Small pieces the "you said, we heard" page and its receipt form share. */

/** The options every text on the page is picked with. */
export function useContentOptions(): ContentOptions {
  const language = useLanguage();
  const { easyRead } = usePreferences();
  return { language, easyRead };
}

/** A date as the person's language writes it. */
export function formatDay(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso.slice(0, 10);
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(date);
  }
}

/** A heading with, in easy read, its picture at the start. */
export function Heading({ level, picture, className, id, children }: { level: 2 | 3 | 4; picture: string; className: string; id?: string; children: string }) {
  const { easyRead } = usePreferences();
  const Tag = `h${level}` as 'h2';
  return (
    <Tag class={`${className} app-findings-heading`} id={id} tabIndex={id ? -1 : undefined}>
      {easyRead && <Picture id={picture} />}
      <span>{children}</span>
    </Tag>
  );
}
