import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** One page: its heading is the document title too, so a screen reader and the tab both say where you are. */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('layout.service')}`;
  }, [title, t]);
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}

/** Said to assistive technology while data loads. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  );
}
