import { useState } from 'preact/hooks';
import { Link } from '../../app/components/Link';
import { PageHeading } from '../../app/components/PageHeading';
import { check } from '../../shared/validate';
import { AcceptSuggestionSchema, SuggestionsSchema, ThemeSchema, WORKSPACE_API, type SuggestedGroup } from '../../shared/workspace-api';
import { request } from '../api';
import { messageOf } from '../components/Async';
import { ErrorSummary, TextInput, errorFor, type FieldError } from '../components/Fields';
import { useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { canEdit, useSession } from '../session';
import { ThemesNav } from './Themes';

/**
 * The "suggest themes" aid: groups of untagged answers that say similar things, each with a
 * proposed name made from its distinctive words. Accepting a group (under its name or a new
 * one) makes it a theme with its answers coded to it; rejecting only drops it from the page.
 */

type Group = SuggestedGroup & { key: number; draftName: string };

const nameField = (group: Group) => `group-${group.key}-name`;

export function Suggestions({ slug }: { slug: string }) {
  const session = useSession();
  const owner = canEdit(session);
  const [groups, setGroups] = useState<Group[] | undefined>();
  const [summary, setSummary] = useState<{ considered: number; capped: boolean } | undefined>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [said, setSaid] = useState('');
  const title = w('themes.suggest.title');
  useWorkspaceTitle(title, errors.length > 0);
  const fail = (next: FieldError[]) => {
    setErrors(next);
    setAttempt((n) => n + 1);
    setBusy(false);
  };

  const run = async () => {
    setBusy(true);
    setSaid(w('themes.suggest.running'));
    try {
      const result = await request(WORKSPACE_API.suggestions(slug), SuggestionsSchema, { method: 'POST', body: {} });
      setGroups(result.groups.map((g, key) => ({ ...g, key, draftName: g.name })));
      setSummary({ considered: result.considered, capped: result.capped });
      setErrors([]);
      setBusy(false);
      setSaid(w('themes.suggest.found', { count: result.groups.length, considered: result.considered }));
    } catch (error) {
      setSaid('');
      fail([{ message: messageOf(error) }]);
    }
  };
  const rename = (group: Group, draftName: string) => setGroups((list) => list?.map((g) => (g.key === group.key ? { ...g, draftName } : g)));
  const drop = (group: Group) => setGroups((list) => list?.filter((g) => g.key !== group.key));

  const accept = async (group: Group) => {
    const body = { name: group.draftName, members: [...new Set(group.members.map((m) => m.contributionId))] };
    const checked = check(AcceptSuggestionSchema, body);
    if (!checked.ok) return fail([{ field: nameField(group), message: w('themes.suggest.nameRequired') }]);
    setBusy(true);
    try {
      const theme = await request(WORKSPACE_API.acceptSuggestion(slug), ThemeSchema, { method: 'POST', body: checked.value });
      drop(group);
      setErrors([]);
      setBusy(false);
      setSaid(w('themes.suggest.accepted', { name: theme.name, count: theme.count }));
    } catch (error) {
      fail([{ field: nameField(group), message: messageOf(error) }]);
    }
  };
  const reject = (group: Group) => {
    drop(group);
    setSaid(w('themes.suggest.rejected', { name: group.draftName || group.name }));
  };

  return (
    <>
      <ThemesNav slug={slug} current="suggestions" />
      <ErrorSummary errors={errors} attempt={attempt} />
      <div role="status" class="app-ws-status">
        {said && <p class="govuk-body app-ws-notice">{said}</p>}
      </div>
      <PageHeading>{title}</PageHeading>
      <p class="govuk-body">{w('themes.suggest.intro')}</p>
      {!owner && <p class="govuk-body">{w('themes.suggest.analystNote')}</p>}
      <button type="button" class="govuk-button" disabled={busy} onClick={() => void run()}>
        {w('themes.suggest.run')}
      </button>
      {summary?.capped && <p class="govuk-body">{w('themes.suggest.capped', { considered: summary.considered })}</p>}
      {groups && groups.length === 0 && (
        <p class="govuk-body">
          {w('themes.suggest.none')}{' '}
          <Link href={wpaths.coding(slug)} class="govuk-link">
            {w('themes.suggest.codeLink')}
          </Link>
        </p>
      )}
      {groups?.map((group, n) => (
        <section key={group.key} class="app-ws-item" aria-labelledby={`group-${group.key}-heading`}>
          <h2 class="govuk-heading-m" id={`group-${group.key}-heading`}>
            {w('themes.suggest.groupHeading', { n: n + 1, count: group.members.length })}
          </h2>
          <p class="govuk-body">
            {w('themes.suggest.words')} <strong>{group.words.join(', ')}</strong>
          </p>
          <TextInput
            id={nameField(group)}
            label={w('themes.suggest.name')}
            hint={w('themes.suggest.nameHint')}
            value={group.draftName}
            onValue={(value) => rename(group, value)}
            error={errorFor(errors, nameField(group))}
            autocomplete="off"
          />
          <h3 class="govuk-heading-s">{w('themes.suggest.members')}</h3>
          <ul class="govuk-list app-ws-members">
            {group.members.map((member) => (
              <li key={`${member.contributionId}:${member.position}`}>
                <blockquote class="app-ws-answer" lang={member.locale} dir="auto">
                  {member.text}
                </blockquote>
              </li>
            ))}
          </ul>
          <div class="govuk-button-group">
            {owner && (
              <button type="button" class="govuk-button" disabled={busy} onClick={() => void accept(group)}>
                {w('themes.suggest.accept')}
                <span class="govuk-visually-hidden"> {w('themes.suggest.groupN', { n: n + 1 })}</span>
              </button>
            )}
            <button type="button" class="govuk-button govuk-button--secondary" onClick={() => reject(group)}>
              {w('themes.suggest.reject')}
              <span class="govuk-visually-hidden"> {w('themes.suggest.groupN', { n: n + 1 })}</span>
            </button>
          </div>
        </section>
      ))}
    </>
  );
}
