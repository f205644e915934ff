import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { type SigningPayload, signingPayload } from '../api/signed';
import { CheckAndSign, signProblem } from '../components/CheckAndSign';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { StackTable } from '../components/StackTable';
import { formatInstant } from '../i18n/format';
import { useSession } from '../session';
import { useData } from '../useData';
import { ContinueOrCancel, InputField } from '../components/fields';
import { SummaryList } from './fields';
import { ListSection } from './ListSection';

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
  return (
    <ListSection
      id={`delegations-${props.trader.rfc}`}
      heading={t('delegations.heading', { name: props.trader.legalName })}
      lead={t('delegations.lead')}
      data={data}
      add={{ label: t('delegations.grant'), onClick: props.onGrant }}
    >
      {(list) =>
        list.items.length ? (
          <StackTable
            caption={t('delegations.caption', { name: props.trader.legalName })}
            rows={list.items}
            rowKey={(d) => d.id}
            columns={[
              { label: t('delegations.broker'), cell: (d) => d.broker.name },
              { label: t('delegations.patent'), cell: (d) => d.broker.patent },
              {
                label: t('delegations.status'),
                cell: (d) => (
                  <>
                    {t(`delegationStatus.${d.status}`)}
                    {d.revokedAt && (
                      <span className="muted representation-block">
                        {t('delegations.revokedOn', { time: formatInstant(d.revokedAt) })}
                      </span>
                    )}
                  </>
                ),
              },
              { label: t('delegations.granted'), cell: (d) => formatInstant(d.grantedAt) },
              {
                label: t('delegations.actions'),
                cell: (d) =>
                  d.status === 'active' ? (
                    <button type="button" className="link-button" onClick={() => props.onRevoke(d)}>
                      {t('delegations.revoke')}
                      <span className="visually-hidden"> {t('delegations.revokeOf', { broker: d.broker.name })}</span>
                    </button>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        ) : (
          <p>{t('delegations.none')}</p>
        )
      }
    </ListSection>
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
      setProblems([signProblem(err, t, () => 'patent')]);
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
        <ContinueOrCancel busy={busy} onCancel={props.onCancel} />
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
  return (
    <CheckAndSign<{ data: Schemas['DelegationGranted'] }>
      path={grantPath(props.trader.rfc)}
      issued={props.issued}
      rows={[
        { label: t('grant.trader'), value: `${props.trader.legalName} (${props.trader.rfc})` },
        { label: t('grant.patent'), value: props.broker.patent, change: props.onChange },
        { label: t('delegations.broker'), value: props.broker.name },
        { label: t('grant.allows'), value: t('grant.allowsValue') },
        { label: t('grant.until'), value: t('grant.untilValue') },
      ]}
      declaration={<SignerDeclaration />}
      signLabel={t('grant.sign')}
      onSigned={(answer) => props.onDone(answer.data)}
    />
  );
}

/** Who loses what when a delegation is revoked: said on its form and on its check page. */
function RevokeWarning({ delegation: d }: { delegation: Delegation }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning">
      <p>{t('revokeDelegation.warning', { broker: d.broker.name, trader: d.trader.legalName })}</p>
    </div>
  );
}

const delegationRows = (d: Delegation, t: TFunction) => [
  { label: t('grant.trader'), value: `${d.trader.legalName} (${d.trader.rfc})` },
  { label: t('delegations.broker'), value: `${d.broker.name} (${t('delegations.patent')} ${d.broker.patent})` },
  { label: t('delegations.granted'), value: formatInstant(d.grantedAt) },
];

/** Step 1 of a revocation: who loses what, and an optional reason; the window issues the payload for the check. */
export function RevokeForm(props: {
  delegation: Delegation;
  initial: string;
  onCancel(): void;
  onIssued(reason: string, issued: SigningPayload): void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(props.initial);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const value = reason.trim();
      props.onIssued(value, await signingPayload(revokePath(props.delegation.id), value ? { reason: value } : {}));
    } catch (err) {
      setProblems([signProblem(err, t)]);
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary problems={problems} />
      <RevokeWarning delegation={props.delegation} />
      <SummaryList rows={delegationRows(props.delegation, t).map((r) => ({ term: r.label, value: r.value }))} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <InputField
          id="reason"
          label={t('revokeDelegation.reason')}
          hint={t('revokeDelegation.reasonHint')}
          value={reason}
          onChange={setReason}
          maxLength={500}
        />
        <ContinueOrCancel busy={busy} onCancel={props.onCancel} />
      </form>
    </>
  );
}

/** Step 2 of a revocation: what the signature ends, then the signature. */
export function RevokeCheck(props: {
  delegation: Delegation;
  reason: string;
  issued: SigningPayload;
  onChange(): void;
  onCancel(): void;
  onDone(d: Schemas['DelegationRevoked']): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <RevokeWarning delegation={props.delegation} />
      <CheckAndSign<{ data: Schemas['DelegationRevoked'] }>
        path={revokePath(props.delegation.id)}
        issued={props.issued}
        rows={[
          ...delegationRows(props.delegation, t),
          {
            label: t('revokeDelegation.reason'),
            value: props.reason || t('revokeDelegation.noReason'),
            change: props.onChange,
          },
        ]}
        declaration={<SignerDeclaration />}
        signLabel={t('revokeDelegation.sign')}
        warning
        onSigned={(answer) => props.onDone(answer.data)}
        onCancel={props.onCancel}
      />
    </>
  );
}

/** What a representation signature means, and whose it is. */
export function SignerDeclaration() {
  const { t } = useTranslation();
  const { session } = useSession();
  return <>{t('representationSign.lead', { name: session?.efirma.name ?? '', rfc: session?.efirma.rfc ?? '' })}</>;
}
