import type { Idea } from '../../shared';
import { Picture } from './Picture';

/**
 * Easy-read text as a list of ideas, each with its picture beside it (at the start of the
 * line: left in left-to-right languages, right in right-to-left ones). Without ideas, the
 * plain text shows as a paragraph, so a caller can pass both and let the mode decide.
 */
export function Ideas({ ideas, text, id, className = 'govuk-body' }: { ideas?: Idea[] | undefined; text?: string | undefined; id?: string; className?: string }) {
  if (!ideas || ideas.length === 0) {
    return text ? (
      <p class={className} id={id}>
        {text}
      </p>
    ) : null;
  }
  return (
    <ul class="app-ideas" id={id} role="list">
      {ideas.map((idea, i) => (
        <li class="app-idea" key={i}>
          <Picture id={idea.picture} />
          <span class="app-idea__text">{idea.text}</span>
        </li>
      ))}
    </ul>
  );
}
