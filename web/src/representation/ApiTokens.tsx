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
import { CheckboxGroup, SummaryList } from './fields';
import { SignerDeclaration } from './Delegations';
import { ListSection } from './ListSection';

export type ApiToken = Schemas['ApiToken'];
export type ApiTokenCreated = Schemas['ApiTokenCreated'];
export interface TokenInput {
  label: string;
  scopes: ('read' | 'write')[];
  expiresInDays: number;
}

const PATH = '/api/v1/api-tokens';
/** The window's limit (auth/login.ts MAX_API_TOKEN_DAYS); the window says so too if it ever changes. */
const MAX_DAYS = 366;

const tokenStatus = (token: ApiToken, now: number) =>
  token.revokedAt ? 'revoked' : Date.parse(token.expiresAt) <= now ? 'expired' : 'active';

/** My API tokens (never their secrets), with a way to create one and to revoke each active one. */
export function TokenList(props: { version: number; onCreate(): void; onRevoke(token: ApiToken): void }) {
  const { t } = useTranslation();
  const data = useData(String(props.version), () =>
    call(api.GET('/api/v1/api-tokens', { params: { query: { limit: 200 } } })),
  );
  const now = Date.now();
  return (
    <ListSection
      id="tokens-heading"
      heading={t('tokens.heading')}
      lead={t('tokens.lead')}
      data={data}
      add={{ label: t('tokens.create'), onClick: props.onCreate }}
    >
      {(list) =>
        list.items.length ? (
          <StackTable
            caption={t('tokens.heading')}
            rows={list.items}
            rowKey={(token) => token.id}
            columns={[
              { label: t('tokens.label'), cell: (token) => token.label ?? '—' },
              { label: t('tokens.scopes'), cell: (token) => token.scopes.map((s) => t(`tokenScope.${s}`)).join(', ') },
              { label: t('tokens.status'), cell: (token) => t(`tokenStatus.${tokenStatus(token, now)}`) },
              { label: t('tokens.expires'), cell: (token) => formatInstant(token.expiresAt) },
              {
                label: t('tokens.actions'),
                cell: (token) =>
                  tokenStatus(token, now) === 'active' ? (
                    <button type="button" className="link-button" onClick={() => props.onRevoke(token)}>
                      {t('tokens.revoke')}
                      <span className="visually-hidden"> {token.label}</span>
                    </button>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        ) : (
          <p>{t('tokens.none')}</p>
        )
      }
    </ListSection>
  );
}

/** Step 1: what the token is for, what it may do, how long; the window checks it before the check page. */
export function TokenForm(props: {
  initial: TokenInput | null;
  onCancel(): void;
  onIssued(input: TokenInput, issued: SigningPayload): void;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [label, setLabel] = useState(props.initial?.label ?? '');
  const [scopes, setScopes] = useState<string[]>(props.initial?.scopes ?? ['read']);
  const [days, setDays] = useState(String(props.initial?.expiresInDays ?? 90));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: FieldProblem[] = [];
    const n = Number(days);
    if (!label.trim()) missing.push({ field: 'label', message: t('tokenForm.labelRequired') });
    if (!scopes.length) missing.push({ field: 'scopes', message: t('tokenForm.scopesRequired') });
    if (!/^[0-9]+$/.test(days.trim()) || n < 1 || n > MAX_DAYS)
      missing.push({ field: 'days', message: t('tokenForm.daysRange', { max: MAX_DAYS }) });
    setProblems(missing);
    if (missing.length) return;
    const input: TokenInput = {
      label: label.trim(),
      scopes: (['read', 'write'] as const).filter((s) => scopes.includes(s)),
      expiresInDays: n,
    };
    setBusy(true);
    try {
      props.onIssued(input, await signingPayload(PATH, input));
    } catch (err) {
      const field = (code: string) => (code === 'auth.api_token_too_long' ? 'days' : undefined);
      setProblems([signProblem(err, t, field)]);
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary problems={problems} />
      <p className="lead">{t('tokenForm.lead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <InputField
          id="label"
          label={t('tokens.label')}
          hint={t('tokenForm.labelHint')}
          error={errorOf('label')}
          value={label}
          onChange={setLabel}
          maxLength={100}
        />
        <CheckboxGroup
          id="scopes"
          legend={t('tokenForm.scopes')}
          error={errorOf('scopes')}
          options={[
            { value: 'read', label: t('tokenScope.read'), hint: t('tokenScope.readHint') },
            { value: 'write', label: t('tokenScope.write'), hint: t('tokenScope.writeHint') },
          ]}
          values={scopes}
          onChange={setScopes}
        />
        <InputField
          id="days"
          label={t('tokenForm.days')}
          hint={t('tokenForm.daysHint', {
            max: MAX_DAYS,
            time: session ? formatInstant(session.efirma.notAfter.toISOString()) : '',
          })}
          error={errorOf('days')}
          value={days}
          onChange={setDays}
          inputMode="numeric"
          width="short"
          maxLength={3}
        />
        <ContinueOrCancel busy={busy} onCancel={props.onCancel} />
      </form>
    </>
  );
}

/** Check your answers, then the signature. */
export function TokenCheck(props: {
  input: TokenInput;
  issued: SigningPayload;
  onChange(): void;
  onDone(created: ApiTokenCreated): void;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <CheckAndSign<{ data: ApiTokenCreated }>
      path={PATH}
      issued={props.issued}
      rows={[
        { label: t('tokens.label'), value: props.input.label, change: props.onChange },
        {
          label: t('tokenForm.scopes'),
          value: props.input.scopes.map((s) => t(`tokenScope.${s}`)).join(', '),
          change: props.onChange,
        },
        {
          label: t('tokenForm.days'),
          value: t('tokenCheck.days', { count: props.input.expiresInDays }),
          change: props.onChange,
        },
        { label: t('tokenCheck.holder'), value: `${session?.efirma.name ?? ''} (${session?.efirma.rfc ?? ''})` },
      ]}
      declaration={
        <>
          {t('tokenCheck.certificate')} <SignerDeclaration />
        </>
      }
      signLabel={t('tokenCheck.sign')}
      onSigned={(answer) => props.onDone(answer.data)}
    />
  );
}

/** The secret, once: copy it now; the window keeps only its hash. */
export function TokenCreated(props: { created: ApiTokenCreated; onDone(): void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.created.token);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <>
      <div className="notice notice-ok" role="status">
        <h2>{t('tokenCreated.heading')}</h2>
        <p>{t('tokenCreated.expires', { time: formatInstant(props.created.expiresAt) })}</p>
      </div>
      <div className="notice notice-warning">
        <p>
          <strong>{t('tokenCreated.warning')}</strong>
        </p>
      </div>
      <h2 id="secret-heading">{t('tokenCreated.secret')}</h2>
      <p className="representation-secret">
        <code data-testid="token-secret">{props.created.token}</code>
      </p>
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          {t('tokenCreated.copy')}
        </button>
        <button type="button" className="button" onClick={props.onDone}>
          {t('tokenCreated.done')}
        </button>
      </div>
      <p role="status" className="muted">
        {copied === 'yes' ? t('tokenCreated.copied') : copied === 'no' ? t('tokenCreated.copyFailed') : ''}
      </p>
    </>
  );
}

/** The confirmation page of a token's revocation (no signature: the session's own credential). */
export function TokenRevokeConfirm(props: { token: ApiToken; onCancel(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const revoke = async () => {
    setBusy(true);
    try {
      await call(api.DELETE('/api/v1/api-tokens/{id}', { params: { path: { id: props.token.id } } }));
      props.onDone();
    } catch (err) {
      setProblems([signProblem(err, t)]);
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary problems={problems} />
      <div className="notice notice-warning">
        <p>{t('tokenRevoke.warning')}</p>
      </div>
      <SummaryList
        rows={[
          { term: t('tokens.label'), value: props.token.label ?? '—' },
          { term: t('tokens.scopes'), value: props.token.scopes.map((s) => t(`tokenScope.${s}`)).join(', ') },
          { term: t('tokens.created'), value: formatInstant(props.token.createdAt) },
          { term: t('tokens.expires'), value: formatInstant(props.token.expiresAt) },
        ]}
      />
      <div className="button-row">
        <button type="button" className="button button-warning" disabled={busy} onClick={() => void revoke()}>
          {t('tokenRevoke.confirm')}
        </button>
        <button type="button" className="link-button" onClick={props.onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </>
  );
}
