import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Link } from '../../app/components/Link';
import { navigate } from '../../app/router';
import { PageHeading } from '../../app/components/PageHeading';
import {
  CodingPageSchema, ContributionThemesResultSchema, QuoteMarkResultSchema, WORKSPACE_API, type CodingItem, type CodingPage, type Theme,
} from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, messageOf, useLoad } from '../components/Async';
import { ErrorSummary, type FieldError } from '../components/Fields';
import { SubNav, useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths, type CodingQuestion } from '../routes';
import { ThemeListSchema, ThemesNav } from './Themes';

/**
 * Coding answers to themes, one answer at a time, fast by keyboard: keys 1–9 toggle the
 * numbered themes, j and k (or the buttons) move to the next and previous answer, p toggles
 * "publishable quote". Every change is saved at once and said in a polite live region; the
 * keys only add to the checkboxes and buttons, which work as usual.
 */

/** What the coding page lists: answers not coded yet, all, or those of one theme (its id). */
export type CodingFilterChoice = 'untagged' | 'all' | string;

function query(filter: CodingFilterChoice, offset: number, question: CodingQuestion | null): string {
  const params = new URLSearchParams(filter === 'untagged' || filter === 'all' ? { filter } : { filter: 'theme', theme: filter });
  if (question) {
    params.set('phase', question.phase);
    params.set('prompt', question.prompt);
  }
  if (offset > 0) params.set('offset', String(offset));
  return params.toString();
}

// A question as the value of an <option>: phase and prompt ids (slugs, so never holding a slash).
const questionKey = (question: CodingQuestion | null): string => (question ? `${question.phase}/${question.prompt}` : '');

function questionOf(key: string): CodingQuestion | null {
  const [phase, prompt] = key.split('/');
  return phase && prompt ? { phase, prompt } : null;
}

// Single-key shortcuts can be turned off (WCAG 2.1.4), e.g. for speech input; the choice is kept on this device.
const SHORTCUTS_KEY = 'heard:coding-shortcuts';

function shortcutsWanted(): boolean {
  try {
    return localStorage.getItem(SHORTCUTS_KEY) !== 'off';
  } catch {
    return true;
  }
}

function rememberShortcuts(on: boolean): void {
  try {
    localStorage.setItem(SHORTCUTS_KEY, on ? 'on' : 'off');
  } catch {
    // Storage may be unavailable; the choice then lasts for this page only.
  }
}

// Keys typed into a text field are text, not shortcuts.
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

export function Coding({ slug, filter, question = null }: { slug: string; filter: CodingFilterChoice; question?: CodingQuestion | null }) {
  const [load] = useLoad(
    async () => ({
      themes: await request(WORKSPACE_API.themes(slug), ThemeListSchema),
      page: await request(`${WORKSPACE_API.coding(slug)}?${query(filter, 0, question)}`, CodingPageSchema),
    }),
    [slug, filter, questionKey(question)],
  );
  return (
    <Loaded load={load}>
      {({ themes, page }) => <Coder key={`${filter} ${questionKey(question)}`} slug={slug} filter={filter} question={question} themes={themes} first={page} />}
    </Loaded>
  );
}

function Coder({ slug, filter, question, themes, first }: { slug: string; filter: CodingFilterChoice; question: CodingQuestion | null; themes: Theme[]; first: CodingPage }) {
  // The answers stay in the list once coded, so moving back and forth is stable while coding "untagged".
  const [items, setItems] = useState<CodingItem[]>(first.items);
  const [next, setNext] = useState(first.next);
  const [index, setIndex] = useState(0);
  const [said, setSaid] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [shortcuts, setShortcuts] = useState(shortcutsWanted);
  const [chosen, setChosen] = useState(questionKey(question));
  const answerRef = useRef<HTMLElement>(null);
  const moved = useRef(false);
  const title = w('themes.coding.title');
  useWorkspaceTitle(title, errors.length > 0);
  const item = items[index] as CodingItem | undefined;
  const nameOf = (id: string) => themes.find((t) => t.id === id)?.name ?? id;
  const fail = (error: unknown) => {
    setErrors([{ message: messageOf(error) }]);
    setAttempt((n) => n + 1);
  };
  const replace = (changed: CodingItem) =>
    // Themes belong to the contribution: every listed answer of it shows the change.
    setItems((list) => list.map((i) => (i.contributionId === changed.contributionId ? { ...i, themes: changed.themes, ...(i.position === changed.position ? { publishable: changed.publishable } : {}) } : i)));

  const toggleTheme = async (target: CodingItem, themeId: string) => {
    const on = !target.themes.includes(themeId);
    const wanted = on ? [...target.themes, themeId] : target.themes.filter((id) => id !== themeId);
    try {
      const result = await request(WORKSPACE_API.contributionThemes(slug, target.contributionId), ContributionThemesResultSchema, { method: 'PUT', body: { themes: wanted } });
      replace({ ...target, themes: result.themes });
      setErrors([]);
      setSaid(w(on ? 'themes.coding.savedOn' : 'themes.coding.savedOff', { theme: nameOf(themeId), n: index + 1 }));
    } catch (error) {
      fail(error);
    }
  };
  const togglePublishable = async (target: CodingItem) => {
    try {
      const result = await request(WORKSPACE_API.quote(slug, target.contributionId, target.position), QuoteMarkResultSchema, { method: 'PUT', body: { publishable: !target.publishable } });
      replace({ ...target, publishable: result.publishable });
      setErrors([]);
      setSaid(w(result.publishable ? 'themes.coding.quoteOn' : 'themes.coding.quoteOff', { n: index + 1 }));
    } catch (error) {
      fail(error);
    }
  };
  const go = async (to: number) => {
    if (to < 0) return;
    if (to >= items.length) {
      if (next === null) return setSaid(w('themes.coding.end'));
      try {
        const more = await request(`${WORKSPACE_API.coding(slug)}?${query(filter, next, question)}`, CodingPageSchema);
        setItems((list) => [...list, ...more.items]);
        setNext(more.next);
        if (more.items.length === 0) return setSaid(w('themes.coding.end'));
      } catch (error) {
        return fail(error);
      }
    }
    moved.current = true;
    setIndex(to);
  };

  // After moving, the new answer gets focus so a screen reader reads it and keys act on it.
  useEffect(() => {
    if (moved.current) answerRef.current?.focus();
    moved.current = false;
  }, [index]);

  // A layout effect, so the keys work from the moment the answer shows.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!shortcuts || event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || !item) return;
      if (/^[1-9]$/.test(event.key)) {
        const theme = themes[Number(event.key) - 1];
        if (!theme) return;
        event.preventDefault();
        void toggleTheme(item, theme.id);
      } else if (event.key === 'j') {
        event.preventDefault();
        void go(index + 1);
      } else if (event.key === 'k') {
        event.preventDefault();
        void go(index - 1);
      } else if (event.key === 'p' && !item.hidden) {
        event.preventDefault();
        void togglePublishable(item);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const filters: Array<[CodingFilterChoice, string]> = [
    ['untagged', w('themes.coding.untagged', { count: first.counts.untagged })],
    ['all', w('themes.coding.all', { count: first.counts.all })],
    ...themes.map((t): [string, string] => [t.id, t.name]),
  ];

  return (
    <>
      <ThemesNav slug={slug} current="coding" />
      <ErrorSummary errors={errors} attempt={attempt} />
      <div role="status" aria-live="polite" class="app-ws-status" data-coding-status>
        {said && <p class="govuk-body app-ws-notice">{said}</p>}
      </div>
      <PageHeading>{title}</PageHeading>
      <details class="govuk-details app-ws-details" open>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">{w('themes.coding.keysHeading')}</span>
        </summary>
        <div class="govuk-details__text">
          <ul class="govuk-list govuk-list--bullet">
            <li>{w('themes.coding.keyNumbers')}</li>
            <li>{w('themes.coding.keyMove')}</li>
            <li>{w('themes.coding.keyQuote')}</li>
            <li>{w('themes.coding.keyOther')}</li>
          </ul>
          <div class="govuk-checkboxes govuk-checkboxes--small">
            <div class="govuk-checkboxes__item">
              <input
                class="govuk-checkboxes__input"
                id="shortcuts"
                type="checkbox"
                checked={shortcuts}
                onChange={(event) => {
                  setShortcuts(event.currentTarget.checked);
                  rememberShortcuts(event.currentTarget.checked);
                }}
              />
              <label class="govuk-label govuk-checkboxes__label" for="shortcuts">
                {w('themes.coding.shortcuts')}
              </label>
            </div>
          </div>
        </div>
      </details>
      <form
        class="app-ws-question"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(wpaths.coding(slug, filter, questionOf(chosen)));
        }}
      >
        <div class="govuk-form-group">
          <label class="govuk-label" for="coding-question">
            {w('themes.coding.question')}
          </label>
          <select class="govuk-select" id="coding-question" value={chosen} onChange={(event) => setChosen(event.currentTarget.value)}>
            <option value="">{w('themes.coding.allQuestions', { count: first.questions.reduce((n, q) => n + q.count, 0) })}</option>
            {first.questions.map((q) => (
              <option key={questionKey(q)} value={questionKey(q)}>
                {w('themes.coding.questionOption', { phase: q.phase, text: q.text ?? q.prompt, count: q.count })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {w('themes.coding.showQuestion')}
        </button>
      </form>
      <SubNav label={w('themes.coding.filterLabel')} items={filters.map(([key, label]) => [key, wpaths.coding(slug, key, question), label] as const)} current={filter} />
      {themes.length === 0 && (
        <p class="govuk-body">
          {w('themes.coding.noThemes')}{' '}
          <Link href={wpaths.themes(slug)} class="govuk-link">
            {w('themes.coding.addThemes')}
          </Link>
        </p>
      )}
      {!item && <p class="govuk-body">{filter === 'untagged' ? w('themes.coding.allCoded') : w('themes.coding.empty')}</p>}
      {item && (
        <section ref={answerRef} tabIndex={-1} class="app-ws-coding" aria-labelledby="coding-answer-heading" data-coding-answer={`${item.contributionId}:${item.position}`}>
          <h2 class="govuk-heading-m" id="coding-answer-heading">
            {w('themes.coding.answerOf', { n: index + 1, total: Math.max(first.total, items.length) })}
          </h2>
          <p class="govuk-body-s app-ws-meta">
            {w('themes.coding.meta', { phase: item.phase, prompt: item.promptText ?? item.prompt, locale: item.locale })}
            {routeTags(item).map((tag) => (
              <strong key={tag} class="app-tag app-ws-tag">
                {tag}
              </strong>
            ))}
            {item.event && <span> {w('themes.coding.event', { code: item.event })}</span>}
          </p>
          {item.hidden && <p class="govuk-body-s"><strong class="app-tag app-ws-tag app-ws-tag--hidden">{w('themes.coding.hidden')}</strong></p>}
          <blockquote class="app-ws-answer" lang={item.locale} dir="auto">
            {item.text}
          </blockquote>
          <div class="govuk-form-group">
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{w('themes.coding.themesLegend')}</legend>
              <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                {themes.map((theme, n) => (
                  <div class="govuk-checkboxes__item" key={theme.id}>
                    <input
                      class="govuk-checkboxes__input"
                      id={`theme-${theme.id}`}
                      type="checkbox"
                      checked={item.themes.includes(theme.id)}
                      onChange={() => void toggleTheme(item, theme.id)}
                    />
                    <label class="govuk-label govuk-checkboxes__label" for={`theme-${theme.id}`}>
                      {n < 9 ? w('themes.coding.numberedTheme', { n: n + 1, name: theme.name }) : theme.name}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <div class="govuk-form-group">
            <div class="govuk-checkboxes govuk-checkboxes--small">
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id="publishable"
                  type="checkbox"
                  checked={item.publishable}
                  disabled={item.hidden && !item.publishable}
                  aria-describedby="publishable-hint"
                  onChange={() => void togglePublishable(item)}
                />
                <label class="govuk-label govuk-checkboxes__label" for="publishable">
                  {w('themes.coding.publishable')}
                </label>
                <div id="publishable-hint" class="govuk-hint govuk-checkboxes__hint">
                  {item.hidden ? w('themes.coding.publishableHidden') : w('themes.coding.publishableHint')}
                </div>
              </div>
            </div>
          </div>
          <div class="govuk-button-group">
            <button type="button" class="govuk-button govuk-button--secondary" disabled={index === 0} onClick={() => void go(index - 1)}>
              {w('themes.coding.previous')}
            </button>
            <button type="button" class="govuk-button" onClick={() => void go(index + 1)}>
              {w('themes.coding.next')}
            </button>
          </div>
        </section>
      )}
    </>
  );
}

function routeTags(item: CodingItem): string[] {
  const tags: string[] = [];
  if (item.route.easyRead) tags.push(w('themes.coding.routes.easyRead'));
  if (item.route.readAloud) tags.push(w('themes.coding.routes.readAloud'));
  if (item.route.assisted) tags.push(w('themes.coding.routes.assisted'));
  if (item.route.audio) tags.push(w('themes.coding.routes.audio'));
  return tags;
}
