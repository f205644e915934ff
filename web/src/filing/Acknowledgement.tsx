import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client';
import { ProblemMessage } from '../components/ProblemMessage';
import { useSession } from '../session';
import { downloadAcknowledgement } from './transfer';

/** The acknowledgement PDF as a download (fetched with the session token; the token is never in a URL). */
export function AcknowledgementDownload({ operationId, folio }: { operationId: string; folio: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    if (!session) return;
    setBusy(true);
    setProblem(null);
    try {
      await downloadAcknowledgement(session.token, operationId, folio);
    } catch (err) {
      setProblem(err as Problem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {problem && <ProblemMessage problem={problem} />}
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void download()}>
        {t('filing.ack.download', { folio })}
      </button>
    </>
  );
}
