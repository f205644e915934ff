import '../agency/agency.css';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Schemas } from '../api/client';
import { DueTag } from '../agency/DueTag';
import { PdfViewer } from '../agency/PdfViewer';
import { SignFlow, TextArea } from '../agency/SignFlow';
import type { FieldProblem } from '../components/ErrorSummary';
import { ErrorSummary } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { useFieldLabel, useProcedureLabels } from '../i18n/field-labels';
import { formatInstant, formatNumber } from '../i18n/format';
import { problemText } from '../i18n';
import { PATHS } from '../router';
import { type Me, useSession } from '../session';
import { useData } from '../useData';
import { agencyMemberships } from './AgencyInbox';

type Application = Schemas['Application'];
type Membership = Me['officer'][number];
type Flow = 'information' | 'proposal' | 'resolution' | 'revocation';
type Decision = 'approve' | 'reject';

const goodsOf = (form: Record<string, unknown>) =>
  (Array.isArray(form.goods) ? form.goods : []) as Array<{
    line?: number;
    hsCode?: string;
    description?: string;
    quantity?: number;
    unit?: string;
    value?: number;
    currency?: string;
    originCountry?: string;
  }>;

/**
 * A form value as text: lists joined, objects as their values (an address), nothing hidden; a code in words, found by
 * its field's path (a list's items are the list, an object's fields follow a dot: 'specimens.source').
 */
function valueText(value: unknown, path: string, words: (field: string, value: string) => string): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => valueText(v, path, words)).join(', ');
  if (typeof value === 'object')
    return Object.entries(value as object)
      .map(([k, v]) => valueText(v, `${path}.${k}`, words))
      .join(', ');
  return words(path, String(value));
}

export default function AgencyApplication({ id }: { id: string }) {
  const { t } = useTranslation();
  const { session, me } = useSession();
  if (!session)
    return (
      <Page title={t('agency.application.title')}>
        <p>{t('agency.signInFirst')}</p>
        <Link href={PATHS.signIn}>{t('nav.signIn')}</Link>
      </Page>
    );
  if (!me) return <Loading />;
  return <Detail id={id} me={me} />;
}

function Detail({ id, me }: { id: string; me: Me }) {
  const { t, i18n } = useTranslation();
  const [reload, setReload] = useState(0);
  const [flow, setFlow] = useState<Flow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const data = useData(`${id}:${reload}`, () =>
    call(api.GET('/api/v1/applications/{id}', { params: { path: { id } } })),
  );
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error')
    return (
      <Page title={t('agency.application.title')}>
        <ProblemMessage problem={data.problem} />
        <Link href={PATHS.agencyInbox}>{t('agency.backToInbox')}</Link>
      </Page>
    );
  const app = data.data;
  const membership = agencyMemberships(me).find((m) => m.agency === app.agency);
  const finish = (message: string) => {
    setFlow(null);
    setDone(message);
    setReload((n) => n + 1);
    window.scrollTo(0, 0);
  };
  const cancel = () => setFlow(null);
  const language = i18n.language === 'en' ? 'en' : 'es';
  const name = app.procedureName[language];

  if (flow === 'information')
    return <InformationFlow app={app} onCancel={cancel} onDone={() => finish(t('agency.done.information'))} />;
  if (flow === 'proposal')
    return (
      <DecisionFlow kind="proposal" app={app} onCancel={cancel} onDone={() => finish(t('agency.done.proposal'))} />
    );
  if (flow === 'resolution')
    return (
      <DecisionFlow kind="resolution" app={app} onCancel={cancel} onDone={() => finish(t('agency.done.resolution'))} />
    );
  if (flow === 'revocation' && app.permit)
    return (
      <RevocationFlow
        number={app.permit.number}
        onCancel={cancel}
        onDone={() => finish(t('agency.done.revocation', { number: app.permit?.number }))}
      />
    );

  return (
    <Page title={t('agency.application.heading', { code: app.procedure.code })}>
      <p className="lead">{name}</p>
      <p>
        <Link href={PATHS.agencyInbox}>{t('agency.backToInbox')}</Link>
      </p>
      {done && (
        <div className="notice notice-ok" role="status">
          <p>{done}</p>
        </div>
      )}
      <dl className="summary">
        <Row label={t('agency.field.trader')}>
          {app.trader.legalName} ({app.trader.rfc})
        </Row>
        <Row label={t('agency.col.status')}>{t(`applicationStatus.${app.status}`)}</Row>
        <Row label={t('agency.col.due')}>
          <DueTag {...app} />
        </Row>
        <Row label={t('agency.field.submitted')}>{formatInstant(app.submittedAt)}</Row>
        <Row label={t('agency.field.office')}>{app.office ?? t('agency.central')}</Row>
        <Row label={t('agency.col.assignee')}>
          {!app.assignedOfficerId
            ? t('agency.assignee.nobody')
            : app.assignedOfficerId === membership?.officerId
              ? t('agency.assignee.me')
              : t('agency.assignee.colleague')}
        </Row>
        <Row label={t('agency.field.review')}>{app.fourEyes ? t('agency.fourEyes.yes') : t('agency.fourEyes.no')}</Row>
        <Row label={t('agency.field.silence')}>{t(`silence.${app.silence}`)}</Row>
        {app.permit && (
          <Row label={t('agency.field.permit')}>
            {app.permit.number} ·{' '}
            {t(`permitStatus.${app.permit.status === 'active' ? 'valid' : app.permit.status}`, {
              defaultValue: app.permit.status,
            })}
          </Row>
        )}
      </dl>
      {membership ? (
        <Actions app={app} me={me} membership={membership} onFlow={setFlow} onChanged={(m) => finish(m)} />
      ) : (
        <p className="notice">{t('agency.notYourAgency')}</p>
      )}
      <Goods app={app} />
      <FormData app={app} />
      <Documents numbers={app.edocuments} />
      <Internal app={app} onSaved={() => finish(t('agency.done.comment'))} />
      <Timeline app={app} />
    </Page>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What this officer may do now, and why not when four eyes stop them. */
function Actions(props: {
  app: Application;
  me: Me;
  membership: Membership;
  onFlow(flow: Flow): void;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation();
  const { app, me, membership } = props;
  const [problem, setProblem] = useState<string | null>(null);
  const can = (a: Application['availableActions'][number]) => app.availableActions.includes(a);
  const step = async (path: 'assignment' | 'review' | 'review-resumption', message: string, officerId?: string) => {
    setProblem(null);
    try {
      await call(
        api.POST(`/api/v1/applications/{id}/${path}`, {
          params: { path: { id: app.id } },
          body: officerId ? { officerId } : {},
        }),
      );
      props.onChanged(message);
    } catch (err) {
      setProblem(problemText(err instanceof ApiProblem ? err.problem.code : 'internal'));
    }
  };
  const proposedByMe = app.timeline.some(
    (e) =>
      e.kind === 'event' &&
      (e.type === 'application.propose_approval' || e.type === 'application.propose_rejection') &&
      e.actor === me.rfc,
  );
  const supervisor = membership.roles.includes('supervisor');
  const why: string[] = [];
  if (app.status === 'proposed' && !can('approve') && !can('reject')) {
    if (proposedByMe) why.push(t('agency.why.proposer'));
    else if (!membership.roles.includes('resolver')) why.push(t('agency.why.notResolver'));
  }
  if (app.fourEyes && app.status === 'in_review' && (can('propose_approval') || can('propose_rejection')))
    why.push(t('agency.why.fourEyesFirst'));
  const permitLive = app.permit && app.permit.status !== 'revoked';
  const mayRevoke = permitLive && membership.roles.some((r) => r === 'resolver' || r === 'supervisor');
  const any =
    can('assign') ||
    can('start_review') ||
    can('resume_review') ||
    can('request_information') ||
    can('propose_approval') ||
    can('approve') ||
    can('reject') ||
    mayRevoke;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t('agency.actions.title')}</h2>
      {problem && (
        <div className="notice notice-error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {app.proposal && (
        <div className="notice">
          <p>
            <strong>
              {t('agency.proposal.pending', {
                decision: t(`agency.decision.${(app.proposal as { decision?: string }).decision ?? 'approve'}`),
              })}
            </strong>
          </p>
          {(app.proposal as { reason?: string | null }).reason && <p>{(app.proposal as { reason: string }).reason}</p>}
        </div>
      )}
      {why.map((w) => (
        <div className="notice" key={w}>
          <p>{w}</p>
        </div>
      ))}
      {!any && <p>{t('agency.actions.none')}</p>}
      <div className="button-row">
        {can('assign') && app.assignedOfficerId !== membership.officerId && (
          <button type="button" className="button" onClick={() => void step('assignment', t('agency.done.taken'))}>
            {t('agency.actions.take')}
          </button>
        )}
        {can('start_review') && (
          <button type="button" className="button" onClick={() => void step('review', t('agency.done.review'))}>
            {t('agency.actions.startReview')}
          </button>
        )}
        {can('resume_review') && (
          <button
            type="button"
            className="button"
            onClick={() => void step('review-resumption', t('agency.done.review'))}
          >
            {t('agency.actions.resumeReview')}
          </button>
        )}
        {can('request_information') && (
          <button type="button" className="button button-secondary" onClick={() => props.onFlow('information')}>
            {t('agency.actions.requestInformation')}
          </button>
        )}
        {(can('propose_approval') || can('propose_rejection')) && (
          <button type="button" className="button" onClick={() => props.onFlow('proposal')}>
            {t('agency.actions.propose')}
          </button>
        )}
        {(can('approve') || can('reject')) && (
          <button type="button" className="button" onClick={() => props.onFlow('resolution')}>
            {t('agency.actions.resolve')}
          </button>
        )}
        {mayRevoke && (
          <button type="button" className="button button-secondary" onClick={() => props.onFlow('revocation')}>
            {t('agency.actions.revoke')}
          </button>
        )}
      </div>
      {can('assign') && supervisor && (
        <AssignToColleague
          agency={app.agency}
          me={membership.officerId}
          onAssign={(officerId, name) => void step('assignment', t('agency.done.assigned', { name }), officerId)}
        />
      )}
    </section>
  );
}

/** A supervisor names a colleague (the agency's officers list is for supervisors and administrators). */
function AssignToColleague(props: { agency: string; me: string; onAssign(officerId: string, name: string): void }) {
  const { t } = useTranslation();
  const officers = useData(`officers:${props.agency}`, () =>
    call(
      api.GET('/api/v1/agencies/{agency}/officers', {
        params: { path: { agency: props.agency }, query: { limit: 200 } },
      }),
    ),
  );
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | undefined>();
  if (officers.state !== 'ok') return officers.state === 'error' ? <ProblemMessage problem={officers.problem} /> : null;
  const colleagues = officers.data.items.filter(
    (o) => o.active && o.id !== props.me && o.roles.some((r) => ['reviewer', 'resolver', 'supervisor'].includes(r)),
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const officer = colleagues.find((o) => o.id === chosen);
        if (!officer) {
          setError(t('agency.assign.required'));
          return;
        }
        setError(undefined);
        props.onAssign(officer.id, officer.name);
      }}
    >
      <div className={`field${error ? ' field-error' : ''}`}>
        <label htmlFor="colleague">{t('agency.assign.label')}</label>
        <p id="colleague-hint" className="hint">
          {t('agency.assign.hint')}
        </p>
        {error && (
          <p id="colleague-error" className="error-message">
            {error}
          </p>
        )}
        <select
          id="colleague"
          value={chosen}
          aria-describedby={`colleague-hint${error ? ' colleague-error' : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setChosen(e.currentTarget.value)}
        >
          <option value="">{t('agency.assign.choose')}</option>
          {colleagues.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({o.roles.map((r) => t(`agency.role.${r}`)).join(', ')}
              {o.office ? ` · ${o.office}` : ''})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-secondary">
        {t('agency.assign.submit')}
      </button>
    </form>
  );
}

function Goods({ app }: { app: Application }) {
  const { t } = useTranslation();
  const goods = goodsOf(app.form);
  if (!goods.length) return null;
  const cols = ['line', 'hsCode', 'description', 'quantity', 'value', 'origin'] as const;
  return (
    <section aria-labelledby="goods-title">
      <h2 id="goods-title">{t('agency.goods.title')}</h2>
      <div className="table-wrap">
        <table className="stack">
          <thead>
            <tr>
              {cols.map((c) => (
                <th scope="col" key={c}>
                  {t(`agency.goods.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {goods.map((g, i) => (
              <tr key={g.line ?? i}>
                <td data-label={t('agency.goods.line')}>{g.line ?? i + 1}</td>
                <td data-label={t('agency.goods.hsCode')}>{g.hsCode}</td>
                <td data-label={t('agency.goods.description')}>{g.description}</td>
                <td data-label={t('agency.goods.quantity')}>
                  {formatNumber(g.quantity ?? 0)} {g.unit}
                </td>
                <td data-label={t('agency.goods.value')}>
                  {formatNumber(g.value ?? 0)} {g.currency}
                </td>
                <td data-label={t('agency.goods.origin')}>{g.originCountry}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The filed form, each field marked as prefilled by the window or typed by the applicant. */
function FormData({ app }: { app: Application }) {
  const { t } = useTranslation();
  const { label, option } = useFieldLabel(useProcedureLabels(app.procedure.code));
  const prefilled = new Set(app.prefilled);
  const fields = Object.entries(app.form).filter(([k]) => k !== 'goods');
  return (
    <section aria-labelledby="form-title">
      <h2 id="form-title">{t('agency.form.title')}</h2>
      <p className="muted">{t('agency.form.lead')}</p>
      <dl className="summary">
        {fields.map(([field, value]) => (
          <Row key={field} label={label(field)}>
            {valueText(value, field, option)}{' '}
            {prefilled.has(field) ? (
              <span className="tag tag-prefilled">{t('agency.form.prefilled')}</span>
            ) : (
              <span className="tag tag-typed">{t('agency.form.typed')}</span>
            )}
          </Row>
        ))}
      </dl>
    </section>
  );
}

function Documents({ numbers }: { numbers: string[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t('agency.documents.title')}</h2>
      {numbers.length === 0 ? (
        <p>{t('agency.documents.none')}</p>
      ) : (
        <ul className="agency-docs">
          {numbers.map((n) => (
            <li key={n}>
              <strong>{n}</strong>{' '}
              {open !== n && (
                <button type="button" className="link-button" onClick={() => setOpen(n)}>
                  {t('agency.documents.show', { number: n })}
                </button>
              )}
              {open === n && <PdfViewer number={n} onClose={() => setOpen(null)} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Internal notes: between officers only, kept visibly apart from what the applicant reads. */
function Internal({ app, onSaved }: { app: Application; onSaved(): void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const notes = app.timeline.filter((e) => e.kind === 'internal_comment');
  const save = async () => {
    if (!body.trim()) {
      setProblems([{ field: 'internal-comment', message: t('agency.internal.required') }]);
      return;
    }
    try {
      await call(
        api.POST('/api/v1/applications/{id}/comments', {
          params: { path: { id: app.id } },
          body: { body: body.trim(), internal: true },
        }),
      );
      setBody('');
      setProblems([]);
      onSaved();
    } catch (err) {
      setProblems([{ message: problemText(err instanceof ApiProblem ? err.problem.code : 'internal') }]);
    }
  };
  return (
    <section className="agency-internal" aria-labelledby="internal-title">
      <h2 id="internal-title">{t('agency.internal.title')}</h2>
      <p>
        <strong>{t('agency.internal.lead')}</strong>
      </p>
      {notes.length ? (
        <ul className="timeline">
          {notes.map((n) => (
            <li key={n.at + (n.body ?? '')}>
              <span className="muted">
                {formatInstant(n.at)} · {n.actor}
              </span>
              <p>{n.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('agency.internal.none')}</p>
      )}
      <ErrorSummary problems={problems} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextArea
          id="internal-comment"
          label={t('agency.internal.label')}
          hint={t('agency.internal.hint')}
          error={problems.find((p) => p.field)?.message}
          value={body}
          onChange={setBody}
        />
        <button type="submit" className="button button-secondary">
          {t('agency.internal.submit')}
        </button>
      </form>
    </section>
  );
}

const EVENT_TYPES = new Set([
  'submitted',
  'assign',
  'start_review',
  'request_information',
  'answer',
  'resume_review',
  'propose_approval',
  'propose_rejection',
  'return_proposal',
  'approve',
  'reject',
  'withdraw',
  'auto_approve',
  'silence_approve',
  'silence_deny',
  'comment',
]);

/** The history and the messages exchanged with the applicant (internal notes are above, apart). */
function Timeline({ app }: { app: Application }) {
  const { t } = useTranslation();
  const entries = app.timeline.filter((e) => e.kind !== 'internal_comment');
  const label = (e: Application['timeline'][number]) => {
    if (e.kind !== 'event') return t(`agency.message.${e.kind}`);
    const type = (e.type ?? '').replace(/^application\./, '');
    if (type === 'comment') return t(e.data?.internal ? 'agency.event.internalComment' : 'agency.event.comment');
    return EVENT_TYPES.has(type) ? t(`agency.event.${type}`) : (e.type ?? '');
  };
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('agency.timeline.title')}</h2>
      <ol className="timeline">
        {entries.map((e) => (
          <li
            key={`${e.at}-${e.kind}-${e.type ?? ''}-${e.body ?? ''}`}
            className={e.kind === 'event' ? undefined : 'timeline-message'}
          >
            <strong>{label(e)}</strong>
            <br />
            <span className="muted">
              {formatInstant(e.at)}
              {e.actor ? ` · ${e.actor}` : ''}
              {e.signatureId ? ` · ${t('agency.timeline.signed')}` : ''}
            </span>
            {e.body && <p>{e.body}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function InformationFlow(props: { app: Application; onCancel(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <SignFlow
      title={t('agency.information.title')}
      checkTitle={t('agency.information.check')}
      path={`/api/v1/applications/${props.app.id}/information-request`}
      validate={() => {
        if (!message.trim()) {
          const problem = { field: 'information-message', message: t('agency.information.required') };
          setError(problem.message);
          return { problems: [problem] };
        }
        setError(undefined);
        return { data: { message: message.trim() } };
      }}
      form={
        <>
          <p>{t('agency.information.lead')}</p>
          <TextArea
            id="information-message"
            label={t('agency.information.label')}
            hint={t('agency.information.hint')}
            error={error}
            value={message}
            onChange={setMessage}
          />
        </>
      }
      rows={[
        [t('agency.check.application'), `${props.app.procedure.code} · ${props.app.trader.legalName}`],
        [t('agency.check.action'), t('agency.information.action')],
        [t('agency.information.label'), message.trim()],
      ]}
      declaration={t('agency.information.declaration')}
      signLabel={t('agency.information.sign')}
      onCancel={props.onCancel}
      onDone={props.onDone}
    />
  );
}

function DecisionFlow(props: { kind: 'proposal' | 'resolution'; app: Application; onCancel(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { app, kind } = props;
  const options: Decision[] =
    kind === 'proposal'
      ? (['approve', 'reject'] as const).filter((d) =>
          app.availableActions.includes(d === 'approve' ? 'propose_approval' : 'propose_rejection'),
        )
      : (['approve', 'reject'] as const).filter((d) => app.availableActions.includes(d));
  const [decision, setDecision] = useState<Decision | ''>(options.length === 1 ? options[0]! : '');
  const [message, setMessage] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  return (
    <SignFlow
      title={t(`agency.${kind}.title`)}
      checkTitle={t(`agency.${kind}.check`)}
      path={`/api/v1/applications/${app.id}/${kind}`}
      validate={() => {
        const found: FieldProblem[] = [];
        if (!decision)
          found.push({ field: `decision-${options[0] ?? 'approve'}`, message: t('agency.decision.required') });
        if (decision === 'reject' && !message.trim())
          found.push({ field: 'decision-message', message: t('agency.decision.reasonRequired') });
        setProblems(found);
        if (found.length) return { problems: found };
        return { data: { decision, ...(message.trim() ? { message: message.trim() } : {}) } };
      }}
      form={
        <>
          <p>{t(`agency.${kind}.lead`)}</p>
          {app.fourEyes && <p className="notice">{t(`agency.${kind}.fourEyes`)}</p>}
          <fieldset className={`field${errorOf(`decision-${options[0] ?? 'approve'}`) ? ' field-error' : ''}`}>
            <legend>{t('agency.decision.label')}</legend>
            {errorOf(`decision-${options[0] ?? 'approve'}`) && (
              <p className="error-message">{errorOf(`decision-${options[0] ?? 'approve'}`)}</p>
            )}
            {options.map((d) => (
              <div className="checkbox" key={d}>
                <input
                  type="radio"
                  id={`decision-${d}`}
                  name="decision"
                  value={d}
                  checked={decision === d}
                  onChange={() => setDecision(d)}
                />
                <label htmlFor={`decision-${d}`}>{t(`agency.decision.${d}`)}</label>
              </div>
            ))}
          </fieldset>
          <TextArea
            id="decision-message"
            label={t('agency.decision.message')}
            hint={t('agency.decision.messageHint')}
            error={errorOf('decision-message')}
            value={message}
            onChange={setMessage}
          />
        </>
      }
      rows={[
        [t('agency.check.application'), `${app.procedure.code} · ${app.trader.legalName}`],
        [t('agency.check.action'), t(`agency.${kind}.action`)],
        [t('agency.decision.label'), decision ? t(`agency.decision.${decision}`) : '—'],
        [t('agency.decision.message'), message.trim() || '—'],
      ]}
      declaration={t(`agency.${kind}.declaration`)}
      signLabel={t(`agency.${kind}.sign`)}
      onCancel={props.onCancel}
      onDone={props.onDone}
    />
  );
}

function RevocationFlow(props: { number: string; onCancel(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <SignFlow
      title={t('agency.revocation.title', { number: props.number })}
      checkTitle={t('agency.revocation.check', { number: props.number })}
      path={`/api/v1/permits/${encodeURIComponent(props.number)}/revocation`}
      validate={() => {
        if (reason.trim().length < 3) {
          const problem = { field: 'revocation-reason', message: t('agency.revocation.required') };
          setError(problem.message);
          return { problems: [problem] };
        }
        setError(undefined);
        return { data: { reason: reason.trim() } };
      }}
      form={
        <>
          <p>{t('agency.revocation.lead')}</p>
          <TextArea
            id="revocation-reason"
            label={t('agency.revocation.label')}
            hint={t('agency.revocation.hint')}
            error={error}
            value={reason}
            onChange={setReason}
          />
        </>
      }
      rows={[
        [t('agency.field.permit'), props.number],
        [t('agency.check.action'), t('agency.revocation.action')],
        [t('agency.revocation.label'), reason.trim()],
      ]}
      declaration={t('agency.revocation.declaration')}
      signLabel={t('agency.revocation.sign')}
      onCancel={props.onCancel}
      onDone={props.onDone}
    />
  );
}
