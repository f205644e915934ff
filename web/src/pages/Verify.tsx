import { type FormEvent, useEffect, useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Problem, type Schemas } from '../api/client';
import { ErrorSummary } from '../components/ErrorSummary';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatInstant } from '../i18n/format';
import { maskRfc, type OfflineCheck, verifyOffline } from '../public/offline-verify';
import { tokenOfScan } from '../public/scan';
import { keepForOffline, publishedKeys } from '../public/service-worker';
import '../public/public.css';

type Result =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'online'; data: Schemas['PermitVerification']; by: 'token' | 'number' }
  | { state: 'offline'; check: OfflineCheck; fetchedAt: Date }
  | { state: 'offline-no-keys' };

type Kept = { state: 'pending' } | { state: 'kept'; fetchedAt: string | null } | { state: 'unavailable' };

type Field = 'token' | 'number' | 'code';

/** As the permit prints it: agency, year, sequence (the API's PermitNumber). */
const PERMIT_NUMBER = /^[A-Z]+-[0-9]{4}-[0-9]{6}$/;
/** The printed code: twelve letters and digits, in groups of four or not. */
const looksLikeCode = (code: string) => /^[0-9A-Za-z]{12}$/.test(code.replace(/[\s-]/g, ''));

/** Checks the token with the window (POST: the token stays out of URLs and logs); offline, in the page. */
async function check(token: string): Promise<Result> {
  try {
    return { state: 'online', data: await call(api.POST('/api/v1/verify', { body: { token } })), by: 'token' };
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
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [kept, setKept] = useState<Kept>({ state: 'pending' });

  const run = async (checking: () => Promise<Result>) => {
    setProblem(null);
    setResult({ state: 'loading' });
    try {
      setResult(await checking());
    } catch (err) {
      setResult({ state: 'idle' });
      setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' });
    }
  };
  const verify = (token: string) => run(() => check(token));

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, for the token the page was opened with
  useEffect(() => {
    // The token arrives in the fragment (`/verificar#<token>`), which browsers never send to a server.
    const token = window.location.hash ? tokenOfScan(window.location.hash) : '';
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
    // The token alone, or a whole link (`…/verificar#<token>`, `…?token=<token>`) as scanners give it.
    const token = tokenOfScan(pasted);
    if (token.length < 20) {
      setFieldErrors({ token: t('verify.tokenRequired') });
      return;
    }
    setFieldErrors({});
    void verify(token);
  };

  const submitNumber = (e: FormEvent) => {
    e.preventDefault();
    const permit = number.trim().toUpperCase();
    const errors: Partial<Record<Field, string>> = {
      ...(PERMIT_NUMBER.test(permit) ? {} : { number: t('verify.numberRequired') }),
      ...(looksLikeCode(code) ? {} : { code: t('verify.codeRequired') }),
    };
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    void run(async () => {
      // The code goes in the body, so it stays out of access logs.
      const params = { path: { number: permit } };
      const data = await call(api.POST('/api/v1/verify/{number}', { params, body: { code: code.trim() } }));
      return { state: 'online', data, by: 'number' };
    });
  };
  const problems = (Object.entries(fieldErrors) as [Field, string][]).map(([field, message]) => ({ field, message }));

  return (
    <Page title={t('verify.title')}>
      <ErrorSummary problems={problems} />
      <p className="lead">{t('verify.lead')}</p>
      {result.state === 'loading' && <Loading />}
      {problem && <ProblemMessage problem={problem} />}
      {result.state === 'online' && <OnlineResult data={result.data} by={result.by} lang={lang} />}
      {result.state === 'offline' && <OfflineResult check={result.check} fetchedAt={result.fetchedAt} />}
      {result.state === 'offline-no-keys' && (
        <div className="notice notice-error" role="alert">
          <h2>{t('verify.offlineNoKeysTitle')}</h2>
          <p>{t('verify.offlineNoKeys')}</p>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <TextField
          className={`field${fieldErrors.token ? ' field-error' : ''}`}
          value={pasted}
          onChange={setPasted}
          isInvalid={!!fieldErrors.token}
        >
          <Label>{t('verify.tokenLabel')}</Label>
          <Text slot="description" className="hint">
            {t('verify.tokenHint')}
          </Text>
          <FieldError className="error-message">{fieldErrors.token}</FieldError>
          <Input id="token" autoComplete="off" spellCheck={false} />
        </TextField>
        <Button type="submit" className="button">
          {t('verify.submit')}
        </Button>
      </form>
      <h2>{t('verify.byNumberTitle')}</h2>
      <p>{t('verify.byNumberLead')}</p>
      <form onSubmit={submitNumber} noValidate>
        <TextField
          className={`field${fieldErrors.number ? ' field-error' : ''}`}
          value={number}
          onChange={setNumber}
          isInvalid={!!fieldErrors.number}
        >
          <Label>{t('verify.numberLabel')}</Label>
          <Text slot="description" className="hint">
            {t('verify.numberHint')}
          </Text>
          <FieldError className="error-message">{fieldErrors.number}</FieldError>
          <Input id="number" autoComplete="off" spellCheck={false} />
        </TextField>
        <TextField
          className={`field${fieldErrors.code ? ' field-error' : ''}`}
          value={code}
          onChange={setCode}
          isInvalid={!!fieldErrors.code}
        >
          <Label>{t('verify.codeLabel')}</Label>
          <Text slot="description" className="hint">
            {t('verify.codeHint')}
          </Text>
          <FieldError className="error-message">{fieldErrors.code}</FieldError>
          <Input id="code" autoComplete="off" spellCheck={false} />
        </TextField>
        <Button type="submit" className="button">
          {t('verify.submitNumber')}
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

function OnlineResult({
  data,
  by,
  lang,
}: {
  data: Schemas['PermitVerification'];
  by: 'token' | 'number';
  lang: 'es' | 'en';
}) {
  const { t } = useTranslation();
  const good = data.authentic && data.status === 'valid';
  return (
    <section className={`notice ${good ? 'notice-ok' : 'notice-error'}`} aria-labelledby="verify-result">
      <h2 id="verify-result">{data.authentic ? t('verify.authentic') : t('verify.notAuthentic')}</h2>
      {!data.authentic && by === 'number' && <p>{t('verify.numberCodeRefused')}</p>}
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
