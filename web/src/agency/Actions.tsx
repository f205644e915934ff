import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Schemas } from '../api/client';
import { describedControl, Field } from '../components/fields';
import { ProblemMessage } from '../components/ProblemMessage';
import { problemText } from '../i18n';
import type { Me } from '../session';
import { useData } from '../useData';
import type { Flow } from './DecisionFlows';

type Application = Schemas['Application'];
type Membership = Me['officer'][number];

/** What this officer may do now, and why not when four eyes stop them. */
export function Actions(props: {
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
      <Field id="colleague" label={t('agency.assign.label')} hint={t('agency.assign.hint')} error={error}>
        <select
          {...describedControl('colleague', t('agency.assign.hint'), error)}
          value={chosen}
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
      </Field>
      <button type="submit" className="button button-secondary">
        {t('agency.assign.submit')}
      </button>
    </form>
  );
}
