import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, type Problem } from '../api/client';
import { downloadPdf } from '../api/download';
import { ProblemMessage } from '../components/ProblemMessage';
import { useSession } from '../session';

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
      await downloadPdf(
        api.GET('/api/v1/operations/{id}/acknowledgement.pdf', {
          params: { path: { id: operationId } },
          parseAs: 'blob',
        }),
        `${folio}.pdf`,
      );
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' });
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
