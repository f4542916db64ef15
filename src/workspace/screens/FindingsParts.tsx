import { MAX_THEME_QUOTES, type FindingsPage } from '../../shared/findings';
import type { FindingsThemeChoice } from '../../shared/workspace-api';
import { Checkbox } from '../components/Fields';
import { w } from '../i18n';
import { quoteKey, type Model } from './findings-model';
import { languageName } from './Languages';

/** One theme the page may show, with its quotes to choose from once it is chosen. */
export function ThemeChoice({ index, theme, model, error, edit }: { index: number; theme: FindingsThemeChoice; model: Model; error: string | undefined; edit: (change: (m: Model) => void) => void }) {
  const chosen = model.themes.get(theme.id);
  const id = `findings-theme-${index}`;
  const list = (langs: string[]) => (langs.length > 0 ? langs.map(languageName).join(', ') : w('findings.none'));
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      {error && (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{w('common.errorPrefix')} </span>
          {error}
        </p>
      )}
      <div class="govuk-checkboxes">
        <Checkbox
          id={id}
          label={w('findings.showTheme', { name: theme.name })}
          hint={w('findings.themeMeta', { total: String(theme.count), named: list(theme.namedIn), easy: list(theme.easyReadIn) })}
          checked={chosen !== undefined}
          onChecked={(on) => edit((m) => void (on ? m.themes.set(theme.id, new Set()) : m.themes.delete(theme.id)))}
        />
      </div>
      {chosen && (
        <fieldset class="govuk-fieldset app-ws-indent">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{w('findings.quotesLegend', { name: theme.name, max: MAX_THEME_QUOTES })}</legend>
          {theme.quotes.length === 0 ? (
            <p class="govuk-body">{w('findings.noQuotes')}</p>
          ) : (
            <div class="govuk-checkboxes">
              {theme.quotes.map((quote, j) => (
                <Checkbox
                  key={quoteKey(quote)}
                  id={`findings-quote-${index}-${j}`}
                  label={<span lang={quote.locale} dir="auto">{w('findings.quoteLabel', { text: quote.text })}</span>}
                  checked={chosen.has(quoteKey(quote))}
                  onChecked={(on) => edit((m) => void (on ? m.themes.get(theme.id)?.add(quoteKey(quote)) : m.themes.get(theme.id)?.delete(quoteKey(quote))))}
                />
              ))}
            </div>
          )}
        </fieldset>
      )}
    </div>
  );
}

/** The page as it would be published, in the source language (participants' own pages show every language and easy read). */
export function Preview({ page }: { page: FindingsPage }) {
  return (
    <section class="app-ws-preview" aria-labelledby="findings-preview-heading">
      <h2 class="govuk-heading-m" id="findings-preview-heading">
        {w('findings.previewHeading', { version: page.version })}
      </h2>
      <p class="govuk-body">{page.intro}</p>
      {page.themes.map((theme) => (
        <div key={theme.id}>
          <h3 class="govuk-heading-s">{theme.name}</h3>
          {theme.summary && <p class="govuk-body">{theme.summary}</p>}
          <p class="govuk-body">{w('findings.previewCount', { total: String(theme.count) })}</p>
          {theme.quotes.map((quote, i) => (
            <blockquote class="govuk-inset-text" lang={quote.locale} dir="auto" key={i}>
              <p class="govuk-body">{quote.text}</p>
            </blockquote>
          ))}
        </div>
      ))}
      <h3 class="govuk-heading-s">{w('findings.previewNext')}</h3>
      <p class="govuk-body">{page.next}</p>
    </section>
  );
}
