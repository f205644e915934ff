import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { sendSigned, type SigningPayload, signingPayload } from '../api/signed';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { Loading } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatInstant } from '../i18n/format';
import { useSession } from '../session';
import { useData } from '../useData';
import { InputField } from '../components/fields';
import { SummaryList } from './fields';
import { stepProblem } from './problems';

export type Delegation = Schemas['Delegation'];
export interface OwnTrader {
  rfc: string;
  legalName: string;
}

/** The broker a grant names: its patent, and its name from the window's directory. */
export interface GrantBroker {
  patent: string;
  name: string;
}

const grantPath = (rfc: string) => `/api/v1/traders/${encodeURIComponent(rfc)}/delegations`;
const revokePath = (id: string) => `/api/v1/delegations/${encodeURIComponent(id)}/revocation`;

/** The delegations a trader granted, newest first, with a way to grant another and to revoke each active one. */
export function DelegationList(props: {
  trader: OwnTrader;
  version: number;
  onGrant(): void;
  onRevoke(d: Delegation): void;
}) {
  const { t } = useTranslation();
  const data = useData(`${props.trader.rfc}:${props.version}`, () =>
    call(api.GET('/api/v1/delegations', { params: { query: { trader: props.trader.rfc, limit: 200 } } })),
  );
  const headingId = `delegations-${props.trader.rfc}`;
  return (
    <section className="representation-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('delegations.heading', { name: props.trader.legalName })}</h2>
      <p>{t('delegations.lead')}</p>
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <ProblemMessage problem={data.problem} />}
      {data.state === 'ok' &&
        (data.data.items.length ? (
          <table className="stack">
            <caption className="visually-hidden">{t('delegations.caption', { name: props.trader.legalName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('delegations.broker')}</th>
                <th scope="col">{t('delegations.patent')}</th>
                <th scope="col">{t('delegations.status')}</th>
                <th scope="col">{t('delegations.granted')}</th>
                <th scope="col">{t('delegations.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.data.items.map((d) => (
                <tr key={d.id}>
                  <td data-label={t('delegations.broker')}>{d.broker.name}</td>
                  <td data-label={t('delegations.patent')}>{d.broker.patent}</td>
                  <td data-label={t('delegations.status')}>
                    {t(`delegationStatus.${d.status}`)}
                    {d.revokedAt && (
                      <span className="muted representation-block">
                        {t('delegations.revokedOn', { time: formatInstant(d.revokedAt) })}
                      </span>
                    )}
                  </td>
                  <td data-label={t('delegations.granted')}>{formatInstant(d.grantedAt)}</td>
                  <td data-label={t('delegations.actions')}>
                    {d.status === 'active' ? (
                      <button type="button" className="link-button" onClick={() => props.onRevoke(d)}>
                        {t('delegations.revoke')}
                        <span className="visually-hidden"> {t('delegations.revokeOf', { broker: d.broker.name })}</span>
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('delegations.none')}</p>
        ))}
      <button type="button" className="button button-secondary representation-add" onClick={props.onGrant}>
        {t('delegations.grant')}
      </button>
    </section>
  );
}

/** Step 1 of a grant: the broker's patent; the window checks it (and that it does not act already) before the check. */
export function GrantForm(props: {
  trader: OwnTrader;
  initial: string;
  onCancel(): void;
  onIssued(broker: GrantBroker, issued: SigningPayload): void;
}) {
  const { t } = useTranslation();
  const [patent, setPatent] = useState(props.initial);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = patent.trim();
    if (!/^[0-9]{4}$/.test(value)) {
      setProblems([{ field: 'patent', message: t(value ? 'grant.patentFormat' : 'grant.patentRequired') }]);
      return;
    }
    setBusy(true);
    try {
      // The window checks the patent (and that it does not act already); its directory says whose it is.
      const issued = await signingPayload(grantPath(props.trader.rfc), { brokerPatent: value });
      const broker = await call(api.GET('/api/v1/brokers/{patent}', { params: { path: { patent: value } } }));
      props.onIssued({ patent: value, name: broker.name }, issued);
    } catch (err) {
      setProblems([stepProblem(err, t, () => 'patent')]);
      setBusy(false);
    }
  };
  const error = problems.find((p) => p.field === 'patent')?.message;
  return (
    <>
      <ErrorSummary problems={problems} />
      <p className="lead">{t('grant.lead', { name: props.trader.legalName })}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <InputField
          id="patent"
          label={t('grant.patent')}
          hint={t('grant.patentHint')}
          error={error}
          value={patent}
          onChange={setPatent}
          inputMode="numeric"
          width="short"
          maxLength={4}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {t('representation.continue')}
          </button>
          <button type="button" className="link-button" onClick={props.onCancel}>
            {t('representation.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}

/** Check your answers, then the signature: what the broker may do, for whom, until revoked. */
export function GrantCheck(props: {
  trader: OwnTrader;
  broker: GrantBroker;
  issued: SigningPayload;
  onChange(): void;
  onDone(d: Schemas['DelegationGranted']): void;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const sign = async () => {
    if (!session) return;
    setBusy(true);
    try {
      const answer = await sendSigned<{ data: Schemas['DelegationGranted'] }>(
        session.efirma,
        'POST',
        grantPath(props.trader.rfc),
        props.issued,
      );
      props.onDone(answer.data);
    } catch (err) {
      setProblems([stepProblem(err, t)]);
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary problems={problems} />
      <SummaryList
        rows={[
          { term: t('grant.trader'), value: `${props.trader.legalName} (${props.trader.rfc})` },
          {
            term: t('grant.patent'),
            value: (
              <>
                {props.broker.patent}{' '}
                <button type="button" className="link-button" onClick={props.onChange}>
                  {t('representation.change')}
                  <span className="visually-hidden"> {t('grant.patent')}</span>
                </button>
              </>
            ),
          },
          { term: t('delegations.broker'), value: props.broker.name },
          { term: t('grant.allows'), value: t('grant.allowsValue') },
          { term: t('grant.until'), value: t('grant.untilValue') },
        ]}
      />
      <h2>{t('representationSign.heading')}</h2>
      <p>{t('representationSign.lead', { name: session?.efirma.name ?? '', rfc: session?.efirma.rfc ?? '' })}</p>
      <button type="button" className="button" disabled={busy} onClick={() => void sign()}>
        {busy ? t('representationSign.busy') : t('grant.sign')}
      </button>
    </>
  );
}

/** The confirmation page of a revocation: who loses what, an optional reason, then the signature. */
export function RevokeConfirm(props: {
  delegation: Delegation;
  onCancel(): void;
  onDone(d: Schemas['DelegationRevoked']): void;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const d = props.delegation;
  const sign = async (e: FormEvent) => {
    e.preventDefault();
    if (!session) return;
    setBusy(true);
    try {
      const path = revokePath(d.id);
      const issued = await signingPayload(path, reason.trim() ? { reason: reason.trim() } : {});
      const answer = await sendSigned<{ data: Schemas['DelegationRevoked'] }>(session.efirma, 'POST', path, issued);
      props.onDone(answer.data);
    } catch (err) {
      setProblems([stepProblem(err, t)]);
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary problems={problems} />
      <div className="notice notice-warning">
        <p>{t('revokeDelegation.warning', { broker: d.broker.name, trader: d.trader.legalName })}</p>
      </div>
      <SummaryList
        rows={[
          { term: t('grant.trader'), value: `${d.trader.legalName} (${d.trader.rfc})` },
          { term: t('delegations.broker'), value: `${d.broker.name} (${t('delegations.patent')} ${d.broker.patent})` },
          { term: t('delegations.granted'), value: formatInstant(d.grantedAt) },
        ]}
      />
      <form onSubmit={(e) => void sign(e)} noValidate>
        <InputField
          id="reason"
          label={t('revokeDelegation.reason')}
          hint={t('revokeDelegation.reasonHint')}
          value={reason}
          onChange={setReason}
          maxLength={500}
        />
        <p>{t('representationSign.lead', { name: session?.efirma.name ?? '', rfc: session?.efirma.rfc ?? '' })}</p>
        <div className="button-row">
          <button type="submit" className="button button-warning" disabled={busy}>
            {busy ? t('representationSign.busy') : t('revokeDelegation.sign')}
          </button>
          <button type="button" className="link-button" onClick={props.onCancel}>
            {t('representation.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
