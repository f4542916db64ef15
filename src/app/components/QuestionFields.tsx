import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Idea, Prompt } from '../../shared';
import type { DraftAnswer } from '../../storage';
import { useT } from '../use-t';
import { maxLengthOf } from '../answers';
import { ErrorMessage } from './ErrorSummary';
import { Face } from './Face';
import { PageHeading } from './PageHeading';
import { Ideas } from '../easy-read/Ideas';
import { Picture } from '../easy-read/Picture';
import { SpokenAnswer, useSpokenMode } from '../easy-read/SpokenAnswer';
import { VOTE_PICTURES } from '../easy-read/ui-pictures';
import { useEasyRead } from '../easy-read/use-easy-read';

/**
 * The answer fields of the GOV.UK question page: the question is the `<h1>`, inside the
 * textarea's label or the fieldset's legend, so it names the field for screen readers.
 * The first input's id is `FIELD_ID`, which the error summary links to.
 */

/** Id of the textarea, or of the first radio or checkbox. */
export const FIELD_ID = 'answer';
const HINT_ID = `${FIELD_ID}-hint`;
const ERROR_ID = `${FIELD_ID}-error`;
/** Id of a theme card's comment box. */
export const COMMENT_ID = 'comment';

/** Props shared by every kind of question. */
export interface QuestionFieldProps {
  prompt: Prompt;
  answer: DraftAnswer | undefined;
  onChange: (answer: DraftAnswer) => void;
  error?: string;
  /** The hint as easy-read ideas with pictures, shown instead of `prompt.hint` when given. */
  hintIdeas?: Idea[] | undefined;
  /** The error of a theme card's comment box. */
  commentError?: string | undefined;
  /** Shown between the hint and the options (a theme card's quotes). */
  children?: ComponentChildren;
}

/** The field for any prompt kind (a theme card's extras are drawn by src/app/cards/ around the vote). */
export function QuestionField(props: QuestionFieldProps) {
  switch (props.prompt.kind) {
    case 'text':
      return <TextQuestion {...props} />;
    case 'choice':
      return <ChoiceQuestion {...props} />;
    case 'scale':
      return <ScaleQuestion {...props} />;
    case 'vote':
      return <VoteQuestion {...props} />;
  }
}

function QuestionHeading({ prompt }: { prompt: Prompt }) {
  const t = useT();
  const easyRead = useEasyRead();
  return (
    <>
      {easyRead && prompt.picture && <Picture id={prompt.picture} size={72} className="app-heading-picture" />}
      {prompt.text}
      {!prompt.required && <span class="app-optional"> {t('question.optional')}</span>}
    </>
  );
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

/** The GOV.UK form group's class, marked when the field is in error. */
export function formGroupClass(error: string | undefined): string {
  return error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group';
}

// Screen readers hear the count only after typing pauses, as GOV.UK's character count does.
const ANNOUNCE_AFTER_MS = 1000;

function TextQuestion({ prompt, answer, onChange, error, hintIdeas }: QuestionFieldProps) {
  const [spoken, setSpoken] = useSpokenMode(answer);
  return (
    <div class={formGroupClass(error)}>
      <PageHeading className="govuk-label-wrapper">
        <label class="govuk-label govuk-label--l" for={FIELD_ID}>
          <QuestionHeading prompt={prompt} />
        </label>
      </PageHeading>
      {prompt.hint && (
        <div id={HINT_ID} class="govuk-hint">
          {hintIdeas ? <Ideas ideas={hintIdeas} /> : prompt.hint}
        </div>
      )}
      <ErrorMessage id={ERROR_ID} message={error} />
      {!spoken && (
        <CountedTextarea id={FIELD_ID} rows={8} value={answer?.text ?? ''} max={maxLengthOf(prompt)} hinted={Boolean(prompt.hint)} error={error} onInput={(text) => onChange({ text })} />
      )}
      <SpokenAnswer spoken={spoken} setSpoken={setSpoken} answer={answer} onChange={onChange} />
    </div>
  );
}

interface CountedTextareaProps {
  id: string;
  rows: number;
  value: string;
  max: number;
  /** Whether a hint with id `<id>-hint` describes the field. */
  hinted: boolean;
  error: string | undefined;
  onInput: (text: string) => void;
}

/** A textarea with GOV.UK's character count under it; its hint and error ids are `<id>-hint` and `<id>-error`. */
export function CountedTextarea({ id, rows, value, max, hinted, error, onInput }: CountedTextareaProps) {
  const t = useT();
  const left = max - value.length;
  const message = left >= 0 ? t('question.charsRemaining', { count: left }) : t('question.charsOver', { count: -left });
  const [announced, setAnnounced] = useState(message);
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(message), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <>
      <textarea
        id={id}
        name={id}
        rows={rows}
        spellcheck
        class={error ? 'govuk-textarea govuk-textarea--error' : 'govuk-textarea'}
        aria-describedby={describedBy(hinted && `${id}-hint`, error && `${id}-error`, `${id}-info`)}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <div class={left < 0 ? 'govuk-error-message app-count' : 'govuk-hint app-count'} aria-hidden="true">
        {message}
      </div>
      <div id={`${id}-info`} class="govuk-visually-hidden" aria-live="polite">
        {announced}
      </div>
    </>
  );
}

interface Option {
  value: string;
  label: string;
  decoration?: ComponentChildren;
}

interface OptionsProps {
  prompt: Prompt;
  options: Option[];
  multiple: boolean;
  selected: string[];
  onSelect: (selected: string[]) => void;
  error: string | undefined;
  extraHint?: string;
  className?: string;
  hintIdeas?: Idea[] | undefined;
  /** Shown between the hint and the options (a theme card's quotes). */
  children?: ComponentChildren;
}

function OptionsFieldset({ prompt, options, multiple, selected, onSelect, error, extraHint, className, hintIdeas, children }: OptionsProps) {
  const type = multiple ? 'checkbox' : 'radio';
  const hint = [prompt.hint, extraHint].filter(Boolean).join(' ');
  const toggle = (value: string, checked: boolean) => {
    if (!multiple) onSelect([value]);
    else onSelect(checked ? [...selected.filter((v) => v !== value), value] : selected.filter((v) => v !== value));
  };
  return (
    <div class={formGroupClass(error)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(hint && HINT_ID, error && ERROR_ID)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
          <PageHeading className="govuk-fieldset__heading">
            <QuestionHeading prompt={prompt} />
          </PageHeading>
        </legend>
        {hint && (
          <div id={HINT_ID} class="govuk-hint">
            {hintIdeas ? <Ideas ideas={hintIdeas} /> : hint}
            {hintIdeas && extraHint}
          </div>
        )}
        {children}
        <ErrorMessage id={ERROR_ID} message={error} />
        <div class={`${multiple ? 'govuk-checkboxes' : 'govuk-radios'} ${className ?? ''}`}>
          {options.map((option, index) => {
            const id = index === 0 ? FIELD_ID : `${FIELD_ID}-${index + 1}`;
            const item = multiple ? 'govuk-checkboxes' : 'govuk-radios';
            return (
              <div class={`${item}__item`} key={option.value}>
                <input
                  class={`${item}__input`}
                  id={id}
                  name={FIELD_ID}
                  type={type}
                  value={option.value}
                  checked={selected.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.currentTarget.checked)}
                />
                <label class={`govuk-label ${item}__label`} for={id}>
                  {option.decoration}
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

function ChoiceQuestion({ prompt, answer, onChange, error, hintIdeas }: QuestionFieldProps) {
  const t = useT();
  const easyRead = useEasyRead();
  if (prompt.kind !== 'choice') return null;
  return (
    <OptionsFieldset
      prompt={prompt}
      hintIdeas={hintIdeas}
      className={easyRead ? 'app-picture-options' : undefined}
      options={prompt.choices.map((c) => ({ value: c.id, label: c.label, decoration: easyRead && c.picture ? <Picture id={c.picture} /> : undefined }))}
      multiple={prompt.multiple}
      selected={answer?.choices ?? []}
      onSelect={(choices) => onChange({ choices })}
      error={error}
      extraHint={prompt.multiple && !prompt.hint ? t('question.selectAll') : undefined}
    />
  );
}

const SCALE_VALUES = ['1', '2', '3', '4', '5'] as const;

function ScaleQuestion({ prompt, answer, onChange, error, hintIdeas }: QuestionFieldProps) {
  const t = useT();
  return (
    <OptionsFieldset
      prompt={prompt}
      hintIdeas={hintIdeas}
      className="app-faces"
      options={SCALE_VALUES.map((value, i) => ({
        value,
        label: t(`scale.${value}`),
        decoration: <Face value={i + 1} />,
      }))}
      multiple={false}
      selected={answer?.scale ? [String(answer.scale)] : []}
      onSelect={([value]) => onChange({ scale: Number(value) })}
      error={error}
    />
  );
}

const VOTES = ['agree', 'disagree', 'unsure'] as const;

/** Agree, disagree or not sure, with `children` (a theme card's quotes) before the options. */
export function VoteQuestion({ prompt, answer, onChange, error, hintIdeas, children }: QuestionFieldProps) {
  const t = useT();
  const easyRead = useEasyRead();
  return (
    <OptionsFieldset
      prompt={prompt}
      hintIdeas={hintIdeas}
      className={easyRead ? 'app-picture-options app-votes' : undefined}
      options={VOTES.map((value) => ({ value, label: t(`vote.${value}`), decoration: easyRead ? <Picture id={VOTE_PICTURES[value]} /> : undefined }))}
      multiple={false}
      selected={answer?.vote ? [answer.vote] : []}
      // A theme card's comment stays when the vote changes.
      onSelect={([value]) => onChange({ ...answer, vote: VOTES.find((v) => v === value) ?? 'unsure' })}
      error={error}
    >
      {children}
    </OptionsFieldset>
  );
}
