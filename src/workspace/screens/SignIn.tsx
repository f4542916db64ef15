import { useState } from 'preact/hooks';
import { PageHeading } from '../../app/components/PageHeading';
import { navigate } from '../../app/router';
import { ApiError } from '../api';
import { ErrorSummary, TextInput, errorFor, type FieldError } from '../components/Fields';
import { useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { signIn } from '../session';

/** Sign in with e-mail and password; password managers and pasting work as usual. */
export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  useWorkspaceTitle(w('signIn.submit'), errors.length > 0);

  const fail = (next: FieldError[]) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!email.trim()) problems.push({ field: 'email', message: w('signIn.emailRequired') });
    if (!password) problems.push({ field: 'password', message: w('signIn.passwordRequired') });
    if (problems.length > 0) return fail(problems);
    setBusy(true);
    try {
      await signIn({ email: email.trim(), password });
      setErrors([]);
      // Stay on the page that asked for a session; the sign-in page itself leads to the list.
      if (location.pathname === wpaths.signIn()) navigate(wpaths.engagements(), { replace: true });
      else navigate(location.pathname + location.search, { replace: true });
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 401) fail([{ field: 'email', message: w('signIn.wrong') }]);
      else if (error instanceof ApiError && error.status === 429) fail([{ message: w('signIn.tooMany') }]);
      else fail([{ message: error instanceof Error ? error.message : String(error) }]);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <PageHeading>{w('signIn.title')}</PageHeading>
      <form onSubmit={(event) => void submit(event)} noValidate method="post">
        <TextInput
          id="email"
          type="email"
          label={w('signIn.email')}
          autocomplete="username"
          spellcheck={false}
          value={email}
          onValue={setEmail}
          error={errorFor(errors, 'email')}
        />
        <TextInput
          id="password"
          type="password"
          label={w('signIn.password')}
          autocomplete="current-password"
          value={password}
          onValue={setPassword}
          error={errorFor(errors, 'password')}
        />
        <button type="submit" class="govuk-button" disabled={busy}>
          {w('signIn.submit')}
        </button>
      </form>
    </>
  );
}
