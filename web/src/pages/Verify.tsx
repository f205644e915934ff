import { type FormEvent, useEffect, useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Problem, type Schemas } from '../api/client';
import { ErrorSummary } from '../components/ErrorSummary';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatInstant } from '../i18n/format';

type Result = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; data: Schemas['PermitVerification'] };

/** The token arrives in the fragment (`/verificar#<token>`), which browsers never send to a server. */
const tokenFromFragment = () => decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();

export default function Verify() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const [result, setResult] = useState<Result>({ state: 'idle' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pasted, setPasted] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);

  const verify = async (token: string) => {
    setProblem(null);
    setResult({ state: 'loading' });
    try {
      setResult({ state: 'ok', data: await call(api.GET('/api/v1/verify', { params: { query: { token } } })) });
    } catch (err) {
      setResult({ state: 'idle' });
      setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' });
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, for the token the page was opened with
  useEffect(() => {
    const token = tokenFromFragment();
    if (token) void verify(token);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const token = pasted.trim();
    if (token.length < 20) {
      setFieldError(t('verify.tokenRequired'));
      return;
    }
    setFieldError(null);
    void verify(token);
  };

  const data = result.state === 'ok' ? result.data : null;
  const good = data?.authentic && data.status === 'valid';
  return (
    <Page title={t('verify.title')}>
      <ErrorSummary problems={fieldError ? [{ field: 'token', message: fieldError }] : []} />
      <p className="lead">{t('verify.lead')}</p>
      {result.state === 'loading' && <Loading />}
      {problem && <ProblemMessage problem={problem} />}
      {data && (
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
      <p className="muted">{t('verify.offlineLater')}</p>
    </Page>
  );
}
