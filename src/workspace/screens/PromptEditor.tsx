import type { Prompt } from '../../shared/engagement';
import { Checkbox, Select, TextArea, TextInput, errorFor, type FieldError } from '../components/Fields';
import { PICTURE_LIST_ID, PicturePreview } from '../components/Picture';
import { w } from '../i18n';
import { optional, withKind } from './edit-model';

const KINDS: Array<Prompt['kind']> = ['text', 'choice', 'scale', 'vote'];

/** Props of one question's editor: where it sits in the draft and how to change it. */
export interface PromptEditorProps {
  prompt: Prompt;
  /** Field id prefix, the prompt's path in the bundle with dashes: `phases-0-prompts-1`. */
  path: string;
  number: number;
  errors: FieldError[];
  readOnly: boolean;
  onChange: (next: Prompt) => void;
  onRemove: (() => void) | undefined;
}

/**
 * One question: its kind, words, picture and, for a choice, the options; for a vote, whether
 * it offers a comment box (a theme card), whether it is withdrawn, and the quotes theme coding
 * gave it, shown but not edited here.
 */
export function PromptEditor({ prompt, path, number, errors, readOnly, onChange, onRemove }: PromptEditorProps) {
  const id = (field: string) => `${path}-${field}`;
  const err = (field: string) => errorFor(errors, id(field));
  const set = (patch: Partial<Prompt>) => onChange({ ...prompt, ...patch } as Prompt);
  return (
    <fieldset class="govuk-fieldset app-ws-prompt" disabled={readOnly}>
      <legend class="govuk-fieldset__legend govuk-heading-s">{w('edit.promptLegend', { number, text: prompt.text })}</legend>
      <Select
        id={id('kind')}
        label={w('edit.promptKind')}
        value={prompt.kind}
        onValue={(kind) => onChange(withKind(prompt, kind as Prompt['kind']))}
        options={KINDS.map((kind) => ({ value: kind, label: w(`kinds.${kind}`) }))}
        error={err('kind')}
      />
      <TextInput id={id('id')} label={w('edit.promptId')} hint={w('edit.idHint')} value={prompt.id} onValue={(value) => set({ id: value })} error={err('id')} autocomplete="off" spellcheck={false} />
      <TextArea id={id('text')} label={w('edit.promptText')} value={prompt.text} onValue={(value) => set({ text: value })} error={err('text')} rows={2} />
      <TextInput id={id('hint')} label={w('edit.promptHint')} value={prompt.hint ?? ''} onValue={(value) => set({ hint: optional(value) })} error={err('hint')} autocomplete="off" />
      <TextInput
        id={id('picture')}
        label={w('edit.picture')}
        hint={w('edit.pictureHint')}
        value={prompt.picture ?? ''}
        onValue={(value) => set({ picture: optional(value.toUpperCase()) })}
        error={err('picture')}
        autocomplete="off"
        spellcheck={false}
        list={PICTURE_LIST_ID}
        after={<PicturePreview id={prompt.picture} />}
      />
      <div class="govuk-form-group">
        <Checkbox id={id('required')} label={w('edit.required')} checked={prompt.required} onChecked={(required) => set({ required })} />
        {prompt.kind === 'choice' && (
          <Checkbox id={id('multiple')} label={w('edit.multiple')} checked={prompt.multiple} onChecked={(multiple) => set({ multiple })} />
        )}
        {prompt.kind === 'vote' && (
          <>
            <Checkbox id={id('comment')} label={w('cards.comment')} hint={w('cards.commentHint')} checked={prompt.comment === true} onChecked={(on) => set({ comment: on || undefined })} />
            <Checkbox id={id('withdrawn')} label={w('cards.withdrawn')} hint={w('cards.withdrawnHint')} checked={prompt.withdrawn === true} onChecked={(on) => set({ withdrawn: on || undefined })} />
          </>
        )}
      </div>
      {prompt.kind === 'vote' && prompt.quotes && prompt.quotes.length > 0 && (
        <div class="govuk-form-group">
          <h3 class="govuk-heading-s">{w('cards.quotes')}</h3>
          <p class="govuk-hint">{w('cards.quotesHint')}</p>
          {prompt.quotes.map((quote, index) => (
            <blockquote class="govuk-inset-text app-ws-quote" lang={quote.locale} dir="auto" key={index}>
              <p class="govuk-body">{quote.text}</p>
            </blockquote>
          ))}
        </div>
      )}
      {prompt.kind === 'choice' && (
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend">{w('edit.choices')}</legend>
          {errorFor(errors, id('choices')) && <p class="govuk-error-message">{errorFor(errors, id('choices'))}</p>}
          {prompt.choices.map((choice, index) => {
            const cid = (field: string) => id(`choices-${index}-${field}`);
            const setChoice = (patch: Partial<typeof choice>) =>
              set({ choices: prompt.choices.map((c, i) => (i === index ? { ...c, ...patch } : c)) } as Partial<Prompt>);
            return (
              <div class="app-ws-choice" key={index}>
                <TextInput id={cid('label')} label={w('edit.choiceLabel', { number: index + 1 })} value={choice.label} onValue={(label) => setChoice({ label })} error={errorFor(errors, cid('label'))} autocomplete="off" />
                <TextInput id={cid('id')} label={w('edit.choiceId', { number: index + 1 })} value={choice.id} onValue={(value) => setChoice({ id: value })} error={errorFor(errors, cid('id'))} autocomplete="off" spellcheck={false} />
                <TextInput
                  id={cid('picture')}
                  label={w('edit.choicePicture', { number: index + 1 })}
                  value={choice.picture ?? ''}
                  onValue={(value) => setChoice({ picture: optional(value.toUpperCase()) })}
                  error={errorFor(errors, cid('picture'))}
                  autocomplete="off"
                  spellcheck={false}
                  list={PICTURE_LIST_ID}
                  after={<PicturePreview id={choice.picture} />}
                />
                {!readOnly && prompt.choices.length > 2 && (
                  <button type="button" class="govuk-button govuk-button--secondary" onClick={() => set({ choices: prompt.choices.filter((_, i) => i !== index) } as Partial<Prompt>)}>
                    {w('edit.removeChoice', { number: index + 1 })}
                  </button>
                )}
              </div>
            );
          })}
          {!readOnly && (
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              onClick={() => set({ choices: [...prompt.choices, { id: `choice-${prompt.choices.length + 1}`, label: w('edit.newChoice') }] } as Partial<Prompt>)}
            >
              {w('edit.addChoice')}
            </button>
          )}
        </fieldset>
      )}
      {onRemove && !readOnly && (
        <button type="button" class="govuk-button govuk-button--secondary" onClick={onRemove}>
          {w('edit.removePrompt', { number })}
        </button>
      )}
    </fieldset>
  );
}
