import { type FormEvent, useEffect, useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Problem, type Schemas } from '../api/client';
import { ErrorSummary } from '../components/ErrorSummary';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatInstant } from '../i18n/format';
import { maskRfc, type OfflineCheck, verifyOffline } from '../public/offline-verify';
import { keepForOffline, publishedKeys } from '../public/service-worker';
import '../public/public.css';

type Result =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'online'; data: Schemas['PermitVerification'] }
  | { state: 'offline'; check: OfflineCheck; fetchedAt: Date }
  | { state: 'offline-no-keys' };

type Kept = { state: 'pending' } | { state: 'kept'; fetchedAt: string | null } | { state: 'unavailable' };

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** The token arrives in the fragment (`/verificar#<token>`), which browsers never send to a server. */
const tokenFromFragment = () => safeDecode(window.location.hash.replace(/^#/, '')).trim();

/** Checks the token with the window (POST: the token stays out of URLs and logs); offline, in the page. */
async function check(token: string): Promise<Result> {
  try {
    return { state: 'online', data: await call(api.POST('/api/v1/verify', { body: { token } })) };
  } catch (err) {
    if (!(err instanceof ApiProblem) || err.problem.status !== 0) throw err;
  }
  const keys = await publishedKeys();
  if (!keys) return { state: 'offline-no-keys' };
  return { state: 'offline', check: await verifyOffline(token, keys.keys), fetchedAt: keys.fetchedAt };
}

export default function Verify() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const [result, setResult] = useState<Result>({ state: 'idle' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pasted, setPasted] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [kept, setKept] = useState<Kept>({ state: 'pending' });

  const verify = async (token: string) => {
    setProblem(null);
    setResult({ state: 'loading' });
    try {
      setResult(await check(token));
    } catch (err) {
      setResult({ state: 'idle' });
      setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' });
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, for the token the page was opened with
  useEffect(() => {
    const token = tokenFromFragment();
    if (token) void verify(token);
    let live = true;
    void keepForOffline().then(
      (k) => live && setKept(k ? { state: 'kept', fetchedAt: k.fetchedAt } : { state: 'unavailable' }),
    );
    return () => {
      live = false;
    };
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The token alone, or a whole link to this page (`…/verificar#<token>`) as some scanners give it.
    const token = safeDecode(pasted.trim().split('#').pop() ?? '').trim();
    if (token.length < 20) {
      setFieldError(t('verify.tokenRequired'));
      return;
    }
    setFieldError(null);
    void verify(token);
  };

  return (
    <Page title={t('verify.title')}>
      <ErrorSummary problems={fieldError ? [{ field: 'token', message: fieldError }] : []} />
      <p className="lead">{t('verify.lead')}</p>
      {result.state === 'loading' && <Loading />}
      {problem && <ProblemMessage problem={problem} />}
      {result.state === 'online' && <OnlineResult data={result.data} lang={lang} />}
      {result.state === 'offline' && <OfflineResult check={result.check} fetchedAt={result.fetchedAt} />}
      {result.state === 'offline-no-keys' && (
        <div className="notice notice-error" role="alert">
          <h2>{t('verify.offlineNoKeysTitle')}</h2>
          <p>{t('verify.offlineNoKeys')}</p>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <TextField
          className={`field${fieldError ? ' field-error' : ''}`}
          value={pasted}
          onChange={setPasted}
          isInvalid={!!fieldError}
        >
          <Label>{t('verify.tokenLabel')}</Label>
          <Text slot="description" className="hint">
            {t('verify.tokenHint')}
          </Text>
          <FieldError className="error-message">{fieldError}</FieldError>
          <Input id="token" autoComplete="off" spellCheck={false} />
        </TextField>
        <Button type="submit" className="button">
          {t('verify.submit')}
        </Button>
      </form>
      <p className="muted" role="status">
        {kept.state === 'kept'
          ? t('verify.keptForOffline', {
              time: kept.fetchedAt ? formatInstant(kept.fetchedAt) : t('verify.keysUnknownTime'),
            })
          : kept.state === 'unavailable'
            ? t('verify.offlineUnavailable')
            : ''}
      </p>
    </Page>
  );
}

function OnlineResult({ data, lang }: { data: Schemas['PermitVerification']; lang: 'es' | 'en' }) {
  const { t } = useTranslation();
  const good = data.authentic && data.status === 'valid';
  return (
    <section className={`notice ${good ? 'notice-ok' : 'notice-error'}`} aria-labelledby="verify-result">
      <h2 id="verify-result">{data.authentic ? t('verify.authentic') : t('verify.notAuthentic')}</h2>
      {data.authentic && (
        <dl className="summary">
          <dt>{t('verify.number')}</dt>
          <dd>{data.number}</dd>
          <dt>{t('verify.status')}</dt>
          <dd>
            <strong>{t(`permitStatus.${data.status ?? 'valid'}`)}</strong>
          </dd>
          {data.agency && (
            <>
              <dt>{t('verify.agency')}</dt>
              <dd>{data.agency.name[lang]}</dd>
            </>
          )}
          {data.procedure && (
            <>
              <dt>{t('verify.procedure')}</dt>
              <dd>{data.procedure.name[lang]}</dd>
            </>
          )}
          {data.holder && (
            <>
              <dt>{t('verify.holder')}</dt>
              <dd>{data.holder}</dd>
            </>
          )}
          {data.validFrom && data.validTo && (
            <>
              <dt>{t('verify.validity')}</dt>
              <dd>{t('verify.validityRange', { from: formatDay(data.validFrom), to: formatDay(data.validTo) })}</dd>
            </>
          )}
          {data.revokedAt && (
            <>
              <dt>{t('verify.revokedAt')}</dt>
              <dd>{formatInstant(data.revokedAt)}</dd>
            </>
          )}
        </dl>
      )}
      <p className="muted">{t('verify.online')}</p>
    </section>
  );
}

function OfflineResult({ check, fetchedAt }: { check: OfflineCheck; fetchedAt: Date }) {
  const { t } = useTranslation();
  const asOf = t('verify.offlineAsOf', { time: formatInstant(fetchedAt.toISOString()) });
  if (!check.ok)
    return (
      <section className="notice notice-error" aria-labelledby="verify-result">
        <h2 id="verify-result">{t('verify.offlineRefused')}</h2>
        <p>{t(`verify.offlineReason.${check.reason}`)}</p>
        <p className="muted">{asOf}</p>
      </section>
    );
  const { claims, status } = check;
  return (
    <section className={`notice ${status === 'valid' ? 'notice-ok' : 'notice-error'}`} aria-labelledby="verify-result">
      <h2 id="verify-result">{t('verify.offlineAuthentic')}</h2>
      <p>
        <strong>{asOf}</strong>
      </p>
      <dl className="summary">
        <dt>{t('verify.number')}</dt>
        <dd>{claims.num}</dd>
        <dt>{t('verify.datesStatus')}</dt>
        <dd>
          <strong>{t(`permitStatus.${status}`)}</strong>
        </dd>
        <dt>{t('verify.agency')}</dt>
        <dd>{claims.agency}</dd>
        <dt>{t('verify.kind')}</dt>
        <dd>{t(`kind.${claims.kind}`, { defaultValue: claims.kind })}</dd>
        <dt>{t('verify.holder')}</dt>
        <dd>{maskRfc(claims.rfc)}</dd>
        <dt>{t('verify.validity')}</dt>
        <dd>{t('verify.validityRange', { from: formatDay(claims.vf), to: formatDay(claims.vt) })}</dd>
      </dl>
      <p>{t('verify.offlineRevocation')}</p>
    </section>
  );
}
