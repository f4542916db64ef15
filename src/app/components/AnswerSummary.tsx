import type { Prompt } from '../../shared';
import type { DraftAnswer } from '../../storage';
import { useT } from '../use-t';
import { isAnswered } from '../answers';
import { Face } from './Face';
import { formatSeconds } from '../easy-read/SpokenAnswer';

/** How one answer reads on the check page, or "Not answered". */
export function AnswerSummary({ prompt, answer }: { prompt: Prompt; answer: DraftAnswer | undefined }) {
  const t = useT();
  if (!answer || !isAnswered(prompt, answer)) return <span class="app-secondary-text">{t('check.notAnswered')}</span>;
  switch (prompt.kind) {
    case 'text':
      if (answer.audio) return <p class="govuk-body">{t('audio.summary', { time: formatSeconds(answer.audio.seconds) })}</p>;
      return <p class="govuk-body app-answer-text">{answer.text?.trim()}</p>;
    case 'choice': {
      const chosen = prompt.choices.filter((c) => answer.choices?.includes(c.id));
      if (!prompt.multiple || chosen.length === 1) return <>{chosen[0]?.label}</>;
      return (
        <ul class="govuk-list">
          {chosen.map((c) => (
            <li key={c.id}>{c.label}</li>
          ))}
        </ul>
      );
    }
    case 'scale': {
      const value = answer.scale as 1 | 2 | 3 | 4 | 5;
      return (
        <>
          <Face value={value} small />
          {t(`scale.${value}`)}
        </>
      );
    }
    case 'vote':
      return <>{answer.vote && t(`vote.${answer.vote}`)}</>;
  }
}
