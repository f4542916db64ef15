import { useState } from 'preact/hooks';
import { PageHeading } from '../../app/components/PageHeading';
import { navigate } from '../../app/router';
import { check } from '../../shared/validate';
import { AcceptInvitationSchema, MIN_PASSWORD_LENGTH, SessionInfoSchema, WORKSPACE_API } from '../../shared/workspace-api';
import { request } from '../api';
import { messageOf } from '../components/Async';
import { ErrorSummary, TextInput, errorFor, type FieldError } from '../components/Fields';
import { useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { sessionStarted } from '../session';

/** An invited organiser chooses a password (a password manager may make it) and is signed in. */
export function AcceptInvitation({ token }: { token: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  useWorkspaceTitle(w('accept.title'), errors.length > 0);

  const submit = async (event: Event) => {
    event.preventDefault();
    const fail = (problems: FieldError[]) => {
      setErrors(problems);
      setAttempt((n) => n + 1);
    };
    if (!token) return fail([{ message: w('accept.noToken') }]);
    const checked = check(AcceptInvitationSchema, { token, password });
    if (!checked.ok) return fail([{ field: 'new-password', message: w('accept.tooShort', { min: MIN_PASSWORD_LENGTH }) }]);
    try {
      sessionStarted(await request(WORKSPACE_API.acceptInvitation, SessionInfoSchema, { method: 'POST', body: checked.value, quiet401: true }));
      navigate(wpaths.engagements(), { replace: true });
    } catch (error) {
      fail([{ message: messageOf(error) }]);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <PageHeading>{w('accept.title')}</PageHeading>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {/* The e-mail is not sent; it lets a password manager file the new password under it. */}
        <TextInput id="invite-email" type="email" label={w('accept.email')} hint={w('accept.emailHint')} autocomplete="username" value={email} onValue={setEmail} spellcheck={false} />
        <TextInput
          id="new-password"
          type="password"
          label={w('accept.password')}
          hint={w('accept.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          autocomplete="new-password"
          value={password}
          onValue={setPassword}
          error={errorFor(errors, 'new-password')}
        />
        <button type="submit" class="govuk-button">
          {w('accept.submit')}
        </button>
      </form>
    </>
  );
}
