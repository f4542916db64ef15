import * as v from 'valibot';
import { useState } from 'preact/hooks';
import { PageHeading } from '../../app/components/PageHeading';
import { check } from '../../shared/validate';
import { CreateInvitationSchema, InvitationCreatedSchema, InvitationSummarySchema, OrganiserSummarySchema, WORKSPACE_API, type InvitationCreated } from '../../shared/workspace-api';
import { request } from '../api';
import { Loaded, messageOf, useLoad } from '../components/Async';
import { ErrorSummary, Select, TextInput, errorFor, type FieldError } from '../components/Fields';
import { useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { canEdit, useSession } from '../session';
import { formatDate } from './Engagements';
import { fieldErrors } from './field-errors';
import { TableWrap } from '../components/TableWrap';

const OrganisersSchema = v.array(OrganiserSummarySchema);
const InvitationsSchema = v.array(InvitationSummarySchema);

/** Organisers with their roles, open invitations, and (for owners) inviting someone. */
export function Organisers() {
  const session = useSession();
  useWorkspaceTitle(w('organisers.title'));
  if (!canEdit(session)) {
    return (
      <>
        <PageHeading>{w('organisers.title')}</PageHeading>
        <p class="govuk-body">{w('organisers.ownersOnly')}</p>
      </>
    );
  }
  return <OwnerView />;
}

function OwnerView() {
  const [organisers] = useLoad(() => request(WORKSPACE_API.organisers, OrganisersSchema), []);
  const [invitations, reloadInvitations] = useLoad(() => request(WORKSPACE_API.invitations, InvitationsSchema), []);
  const [form, setForm] = useState({ email: '', role: 'analyst' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<InvitationCreated | undefined>();

  const submit = async (event: Event) => {
    event.preventDefault();
    const fail = (problems: FieldError[]) => {
      setErrors(problems);
      setAttempt((n) => n + 1);
    };
    const checked = check(CreateInvitationSchema, form);
    if (!checked.ok) return fail(fieldErrors(checked.error, (field) => w(`organisers.labels.${field as 'email'}`)));
    try {
      setCreated(await request(WORKSPACE_API.invitations, InvitationCreatedSchema, { method: 'POST', body: checked.value }));
      setErrors([]);
      setForm({ email: '', role: 'analyst' });
      await reloadInvitations();
    } catch (error) {
      fail(fieldErrors(messageOf(error), (field) => w(`organisers.labels.${field as 'email'}`)));
    }
  };
  const link = created ? `${location.origin}/organiser/invitation?token=${encodeURIComponent(created.token)}` : '';

  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <PageHeading>{w('organisers.title')}</PageHeading>
      <Loaded load={organisers}>
        {(list) => (
          <TableWrap label={w('organisers.listCaption')}>
            <table class="govuk-table">
              <caption class="govuk-heading-s">{w('organisers.listCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{w('organisers.labels.email')}</th>
                  <th scope="col">{w('organisers.labels.role')}</th>
                  <th scope="col">{w('organisers.since')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((o) => (
                  <tr key={o.id}>
                    <td class="app-ws-break">{o.email}</td>
                    <td>{w(`roles.${o.role}`)}</td>
                    <td>{formatDate(o.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Loaded>
      <h2 class="govuk-heading-m">{w('organisers.inviteHeading')}</h2>
      {created && (
        <div class="app-ws-notice" role="status">
          <p class="govuk-body">{w('organisers.invited', { email: created.email, expires: formatDate(created.expiresAt) })}</p>
          <p class="govuk-body app-ws-break">
            <code>{link}</code>
          </p>
        </div>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput id="email" type="email" label={w('organisers.labels.email')} value={form.email} onValue={(email) => setForm((f) => ({ ...f, email }))} error={errorFor(errors, 'email')} autocomplete="off" spellcheck={false} />
        <Select
          id="role"
          label={w('organisers.labels.role')}
          hint={w('organisers.roleHint')}
          value={form.role}
          onValue={(role) => setForm((f) => ({ ...f, role }))}
          options={(['analyst', 'owner'] as const).map((r) => ({ value: r, label: w(`roles.${r}`) }))}
          error={errorFor(errors, 'role')}
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {w('organisers.invite')}
        </button>
      </form>
      <h2 class="govuk-heading-m">{w('organisers.openInvitations')}</h2>
      <Loaded load={invitations}>
        {(list) =>
          list.length === 0 ? (
            <p class="govuk-body">{w('organisers.noInvitations')}</p>
          ) : (
            <ul class="govuk-list">
              {list.map((i) => (
                <li key={i.id}>{w('organisers.invitation', { email: i.email, role: w(`roles.${i.role}`), expires: formatDate(i.expiresAt) })}</li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}
