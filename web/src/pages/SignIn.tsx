import { type FormEvent, useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call } from '../api/client';
import type { paths } from '../api/schema';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { FileField } from '../components/fields';
import { Page } from '../components/Page';
import { EfirmaError, openEfirma } from '../efirma/index';
import { problemText } from '../i18n';
import { navigate, PATHS } from '../router';
import { useSession } from '../session';

type LoginBody = paths['/api/v1/auth/login']['post']['requestBody']['content']['application/json'];

/** Which field each e.firma problem is about, so the error summary links to it. */
const EFIRMA_FIELD: Record<EfirmaError['code'], string> = {
  'efirma.wrong_password': 'password',
  'efirma.key_mismatch': 'key',
  'efirma.not_a_certificate': 'cer',
  'efirma.not_a_key': 'key',
  'efirma.unsupported_key': 'key',
};

export default function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [cer, setCer] = useState<File | null>(null);
  const [key, setKey] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: FieldProblem[] = [];
    if (!cer) missing.push({ field: 'cer', message: t('signIn.cerRequired') });
    if (!key) missing.push({ field: 'key', message: t('signIn.keyRequired') });
    if (!password) missing.push({ field: 'password', message: t('signIn.passwordRequired') });
    if (missing.length || !cer || !key) {
      setProblems(missing);
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      // The key is decrypted and used here, in the page; only the signature and the certificate are sent.
      const efirma = await openEfirma(await cer.arrayBuffer(), await key.arrayBuffer(), password);
      setPassword('');
      try {
        const challenge = await call(api.POST('/api/v1/auth/challenge'));
        const envelope = (await efirma.sign(challenge.payload)) as Omit<LoginBody, 'challengeId' | 'payload'>;
        const session = await call(
          api.POST('/api/v1/auth/login', { body: { challengeId: challenge.challengeId, ...envelope } }),
        );
        signIn({ token: session.token, expiresAt: session.expiresAt, efirma });
        navigate(PATHS.dashboard);
      } catch (err) {
        efirma.forget();
        throw err;
      }
    } catch (err) {
      if (err instanceof EfirmaError) setProblems([{ field: EFIRMA_FIELD[err.code], message: problemText(err.code) }]);
      else if (err instanceof ApiProblem) setProblems([{ message: problemText(err.problem.code) }]);
      else setProblems([{ message: problemText('internal') }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('signIn.title')}>
      <ErrorSummary problems={problems} />
      <p className="lead">{t('signIn.lead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FileField
          id="cer"
          label={t('signIn.cer')}
          hint={t('signIn.cerHint')}
          accept=".cer,.crt,.der"
          error={errorOf('cer')}
          onChange={setCer}
        />
        <FileField
          id="key"
          label={t('signIn.key')}
          hint={t('signIn.keyHint')}
          accept=".key"
          error={errorOf('key')}
          onChange={setKey}
        />
        <TextField
          className={`field${errorOf('password') ? ' field-error' : ''}`}
          type="password"
          value={password}
          onChange={setPassword}
          isInvalid={!!errorOf('password')}
        >
          <Label>{t('signIn.password')}</Label>
          <Text slot="description" className="hint">
            {t('signIn.passwordHint')}
          </Text>
          <FieldError className="error-message">{errorOf('password')}</FieldError>
          <Input id="password" autoComplete="off" />
        </TextField>
        <Button type="submit" className="button" isDisabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </Button>
      </form>
      <p className="muted">{t('signIn.privacy')}</p>
    </Page>
  );
}
