import { MAX_TEXT_ANSWER, type Prompt, type Quote } from '../../shared';
import type { DraftAnswer } from '../../storage';
import { useT } from '../use-t';
import { commentOf, offersComment } from '../answers';
import { ErrorMessage } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { COMMENT_ID, CountedTextarea, VoteQuestion, formGroupClass, type QuestionFieldProps } from '../components/QuestionFields';
import { Picture } from '../easy-read/Picture';
import { CARD_PICTURES } from '../easy-read/ui-pictures';
import { useEasyRead } from '../easy-read/use-easy-read';
import './cards.css';

/**
 * A theme card of the crowdsource phase: the theme is the question (its text the heading, its
 * hint under it), then "What people told us" with example quotes, the agree / disagree / not
 * sure options, and an optional comment box. The comment is kept in the same draft answer as
 * the vote (`text` beside `vote`) and sent as a second answer to the same prompt.
 */
export function ThemeCardField(props: QuestionFieldProps) {
  const { prompt, answer, onChange, commentError } = props;
  const t = useT();
  const easyRead = useEasyRead();
  const quotes = prompt.kind === 'vote' ? (prompt.quotes ?? []) : [];
  return (
    <>
      <VoteQuestion {...props}>{quotes.length > 0 && <Quotes quotes={quotes} />}</VoteQuestion>
      {offersComment(prompt) && (
        <div class={formGroupClass(commentError)}>
          <label class="govuk-label govuk-label--m app-card-label" for={COMMENT_ID}>
            {easyRead && <Picture id={CARD_PICTURES.comment} />}
            {t('card.commentLabel')}
          </label>
          <div id={`${COMMENT_ID}-hint`} class="govuk-hint">
            {t('card.commentHint')}
          </div>
          <ErrorMessage id={`${COMMENT_ID}-error`} message={commentError} />
          <CountedTextarea
            id={COMMENT_ID}
            rows={4}
            value={answer?.text ?? ''}
            max={MAX_TEXT_ANSWER}
            hinted
            error={commentError}
            onInput={(text) => onChange({ ...answer, text })}
          />
        </div>
      )}
    </>
  );
}

// Participants' own words, never translated or simplified: `lang` tells screen readers (and
// fonts) which language each is in, and `dir="auto"` lays it out in its own direction.
function Quotes({ quotes }: { quotes: Quote[] }) {
  const t = useT();
  const easyRead = useEasyRead();
  return (
    <>
      <h2 class="govuk-heading-m app-card-label">
        {easyRead && <Picture id={CARD_PICTURES.quotes} />}
        {t('card.quotesHeading')}
      </h2>
      {quotes.map((quote, i) => (
        <blockquote class="govuk-inset-text app-quote" lang={quote.locale} dir="auto" key={i}>
          <p class="govuk-body">{quote.text}</p>
        </blockquote>
      ))}
    </>
  );
}

/** The check page's row for a theme card's comment, under the row of its vote, with its own Change link. */
export function CommentRow({ prompt, answer, change }: { prompt: Prompt; answer: DraftAnswer | undefined; change: string }) {
  const t = useT();
  const comment = commentOf(prompt, answer);
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{t('card.commentSummary')}</dt>
      <dd class="govuk-summary-list__value">
        {comment ? <p class="govuk-body app-answer-text">{comment}</p> : <span class="app-secondary-text">{t('check.notAnswered')}</span>}
      </dd>
      <dd class="govuk-summary-list__actions">
        <Link href={change} class="govuk-link">
          {t('check.change')}
          <span class="govuk-visually-hidden"> {t('card.changeCommentHidden', { question: prompt.text })}</span>
        </Link>
      </dd>
    </div>
  );
}
