import '../agency/agency.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Actions } from '../agency/Actions';
import { DecisionFlow, type Flow, InformationFlow, RevocationFlow } from '../agency/DecisionFlows';
import { DueTag } from '../agency/DueTag';
import { InternalNotes } from '../agency/InternalNotes';
import { Documents, FormData, Goods, Row, Timeline } from '../agency/Sections';
import { api, call } from '../api/client';
import type { SigningPayload } from '../api/signed';
import { useHistoryStep } from '../components/history-step';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { SignInFirst } from '../components/SignInFirst';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatInstant } from '../i18n/format';
import { PATHS } from '../router';
import { type Me, useSession } from '../session';
import { useData } from '../useData';
import { agencyMemberships } from './AgencyInbox';

/** The application's page, or a step of one of the officer's signed decisions on it. */
type Step = { kind: 'view'; done?: string } | { kind: 'flow'; flow: Flow; issued: SigningPayload | null };

export default function AgencyApplication({ id }: { id: string }) {
  const { t } = useTranslation();
  const { session, me } = useSession();
  if (!session) return <SignInFirst title={t('agency.application.title')} message={t('agency.signInFirst')} />;
  if (!me) return <Loading />;
  return <Detail id={id} me={me} />;
}

function Detail({ id, me }: { id: string; me: Me }) {
  const { t, i18n } = useTranslation();
  const [reload, setReload] = useState(0);
  const { step, go, set, finish } = useHistoryStep<Step>({ kind: 'view' });
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
  // A change made on the application's page (take it, start the review, a note) says so on the page.
  const changed = (message: string) => {
    set({ kind: 'view', done: message });
    setReload((n) => n + 1);
    window.scrollTo(0, 0);
  };
  const language = i18n.language === 'en' ? 'en' : 'es';
  const name = app.procedureName[language];

  if (step.kind === 'flow') {
    const { flow } = step;
    const signed = (message: string) => {
      finish({ kind: 'view', done: message });
      setReload((n) => n + 1);
      window.scrollTo(0, 0);
    };
    const flowStep = {
      issued: step.issued,
      onIssued: (issued: SigningPayload) => go({ kind: 'flow', flow, issued }),
      onChange: () => go({ kind: 'flow', flow, issued: null }),
      onCancel: () => go({ kind: 'view' }),
    };
    if (flow === 'information')
      return <InformationFlow app={app} {...flowStep} onDone={() => signed(t('agency.done.information'))} />;
    if (flow === 'proposal' || flow === 'resolution')
      return <DecisionFlow kind={flow} app={app} {...flowStep} onDone={() => signed(t(`agency.done.${flow}`))} />;
    if (app.permit)
      return (
        <RevocationFlow
          number={app.permit.number}
          {...flowStep}
          onDone={() => signed(t('agency.done.revocation', { number: app.permit?.number }))}
        />
      );
  }
  const done = step.kind === 'view' ? step.done : undefined;

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
        <Actions
          app={app}
          me={me}
          membership={membership}
          onFlow={(flow) => go({ kind: 'flow', flow, issued: null })}
          onChanged={changed}
        />
      ) : (
        <p className="notice">{t('agency.notYourAgency')}</p>
      )}
      <Goods app={app} />
      <FormData app={app} />
      <Documents numbers={app.edocuments} />
      <InternalNotes app={app} onSaved={() => changed(t('agency.done.comment'))} />
      <Timeline app={app} />
    </Page>
  );
}
