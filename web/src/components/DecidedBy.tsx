import { useTranslation } from 'react-i18next';

/** The "who decides" row of a procedure's summary: automatic, one officer, or four eyes (proposer + supervisor). */
export function DecidedBy({ procedure: p }: { procedure: { autoApprove: boolean; fourEyes: boolean } }) {
  const { t } = useTranslation();
  const how = p.autoApprove ? 'automatic' : p.fourEyes ? 'fourEyes' : 'one';
  return (
    <>
      <dt>{t('procedure.decidedBy')}</dt>
      <dd>{t(`procedure.decidedBy.${how}`)}</dd>
    </>
  );
}
