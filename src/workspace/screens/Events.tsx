import { useState } from 'preact/hooks';
import { Link } from '../../app/components/Link';
import { PageHeading } from '../../app/components/PageHeading';
import { EVENTS_API, EventListSchema, EventSchema, NewEventSchema, eventLinkPath, type HeardEvent } from '../../shared/events';
import { check } from '../../shared/validate';
import { request } from '../api';
import { Loaded, messageOf, useLoad } from '../components/Async';
import { ErrorSummary, TextInput, errorFor, type FieldError } from '../components/Fields';
import { EngagementNav, useWorkspaceTitle } from '../components/Frame';
import { w } from '../i18n';
import { wpaths } from '../routes';
import { canEdit, useSession } from '../session';
import { fieldErrors } from './field-errors';

const EMPTY = { name: '', place: '', date: '' };

/** An engagement's events, each with its code, link and poster, and (for owners) a form to add one. */
export function Events({ slug }: { slug: string }) {
  const session = useSession();
  const [load, , setLoaded] = useLoad(() => request(EVENTS_API.events(slug), EventListSchema), [slug]);
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  useWorkspaceTitle(w('events.title'), errors.length > 0);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const label = (field: string) => w(`events.labels.${field as 'name'}`);

  const submit = async (event: Event, events: HeardEvent[]) => {
    event.preventDefault();
    const fail = (next: FieldError[]) => {
      setErrors(next);
      setAttempt((n) => n + 1);
      setBusy(false);
    };
    const checked = check(NewEventSchema, form);
    if (!checked.ok) return fail(fieldErrors(checked.error, label));
    setBusy(true);
    try {
      const created = await request(EVENTS_API.events(slug), EventSchema, { method: 'POST', body: checked.value });
      setErrors([]);
      setBusy(false);
      setForm(EMPTY);
      setDone(w('events.created', { name: created.name, code: created.code }));
      setLoaded({ events: [...events, created] });
    } catch (error) {
      fail(fieldErrors(messageOf(error), label));
    }
  };

  return (
    <>
      <EngagementNav slug={slug} current="events" />
      <ErrorSummary errors={errors} attempt={attempt} />
      <div role="status" class="app-ws-status">
        {done && <p class="govuk-body app-ws-notice">{done}</p>}
      </div>
      <PageHeading>{w('events.title')}</PageHeading>
      <p class="govuk-body">{w('events.intro')}</p>
      <h2 class="govuk-heading-m">{w('events.tabletLinks')}</h2>
      <ul class="govuk-list">
        <li>
          <Link href={wpaths.import(slug)} class="govuk-link">
            {w('events.importLink')}
          </Link>
        </li>
        <li>
          <Link href={wpaths.keys(slug)} class="govuk-link">
            {w('events.keysLink')}
          </Link>
        </li>
      </ul>
      <Loaded load={load}>
        {({ events }) => (
          <>
            <h2 class="govuk-heading-m">{w('events.listHeading')}</h2>
            {events.length === 0 && <p class="govuk-body">{w('events.none')}</p>}
            {events.map((event) => (
              <EventCard key={event.code} slug={slug} event={event} />
            ))}
            {canEdit(session) && (
              <form onSubmit={(e) => void submit(e, events)} noValidate>
                <h2 class="govuk-heading-m">{w('events.createHeading')}</h2>
                <TextInput id="name" label={w('events.labels.name')} hint={w('events.nameHint')} value={form.name} onValue={set('name')} error={errorFor(errors, 'name')} autocomplete="off" />
                <TextInput id="place" label={w('events.labels.place')} hint={w('events.placeHint')} value={form.place} onValue={set('place')} error={errorFor(errors, 'place')} autocomplete="off" />
                <TextInput id="date" type="date" label={w('events.labels.date')} hint={w('events.dateHint')} value={form.date} onValue={set('date')} error={errorFor(errors, 'date')} />
                <button type="submit" class="govuk-button" disabled={busy}>
                  {w('events.create')}
                </button>
              </form>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

/** One event: what it is, the link people open, and its poster with the QR code. */
function EventCard({ slug, event }: { slug: string; event: HeardEvent }) {
  const url = `${location.origin}${eventLinkPath(slug, event.code)}`;
  const poster = EVENTS_API.poster(slug, event.code);
  return (
    <section class="app-ws-item" aria-labelledby={`event-${event.code}`}>
      <h3 class="govuk-heading-s" id={`event-${event.code}`}>
        {event.name}
      </h3>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{w('events.code')}</dt>
          <dd class="govuk-summary-list__value">
            <strong data-event-code>{event.code}</strong>
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{w('events.place')}</dt>
          <dd class="govuk-summary-list__value">{event.place}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{w('events.date')}</dt>
          <dd class="govuk-summary-list__value">{event.date}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{w('events.link')}</dt>
          <dd class="govuk-summary-list__value app-ws-break">
            <a class="govuk-link" href={url} data-event-link>
              {url}
            </a>
          </dd>
        </div>
      </dl>
      <p class="govuk-body">
        <a class="govuk-link" href={poster} target="_blank" rel="noopener">
          {w('events.poster', { name: event.name })}
          <span class="govuk-visually-hidden"> {w('common.newTab')}</span>
        </a>
      </p>
      {/* The whole poster is small enough to show: its QR code scans straight off the screen. */}
      <img src={poster} width={260} height={368} loading="lazy" alt={w('events.posterAlt', { name: event.name, url })} />
    </section>
  );
}
