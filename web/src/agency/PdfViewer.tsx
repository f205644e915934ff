import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call } from '../api/client';
import { ProblemMessage } from '../components/ProblemMessage';
import type { Problem } from '../api/client';

/**
 * An eDocument's PDF in the page: fetched with the session's token (a plain link would carry none), shown from a
 * blob: URL in a frame (the window's CSP allows `frame-src blob:`), revoked when the viewer closes.
 */
export function PdfViewer({ number, onClose }: { number: string; onClose(): void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    call(
      api.GET('/api/v1/edocuments/{number}/content', {
        params: { path: { number } },
        parseAs: 'blob',
      }),
    ).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(new Blob([blob as Blob], { type: 'application/pdf' }));
        setUrl(made);
      },
      (err: unknown) => live && setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' }),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [number]);
  return (
    <div className="pdf-viewer">
      {problem && <ProblemMessage problem={problem} />}
      {url ? (
        <>
          <iframe src={url} title={t('agency.documents.frameTitle', { number })} className="agency-pdf-frame" />
          <p>
            <a href={url} download={`${number}.pdf`}>
              {t('agency.documents.download', { number })}
            </a>
          </p>
        </>
      ) : (
        !problem && (
          <p role="status" className="muted">
            {t('common.loading')}
          </p>
        )
      )}
      <button type="button" className="link-button" onClick={onClose}>
        {t('agency.documents.close')}
      </button>
    </div>
  );
}
