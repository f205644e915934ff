import { useTranslation } from 'react-i18next';
import { formatDay } from '../i18n/format';

/** Business days left before the tag says "due soon". */
const SOON = 3;

export type Due = 'late' | 'soon' | 'on_time' | 'stopped' | 'none';

/** Where an application stands against its legal clock. */
export function dueOf(a: {
  dueDate: string | null;
  remainingBusinessDays: number | null;
  clockStoppedOn: string | null;
}) {
  if (a.clockStoppedOn) return 'stopped';
  if (a.remainingBusinessDays === null || !a.dueDate) return 'none';
  if (a.remainingBusinessDays < 0) return 'late';
  if (a.remainingBusinessDays <= SOON) return 'soon';
  return 'on_time';
}

const ICON: Record<Due, string> = { late: '!', soon: '◷', on_time: '✓', stopped: '❚❚', none: '–' };

/** The due date as colour AND words AND an icon: never colour alone. */
export function DueTag(props: {
  dueDate: string | null;
  remainingBusinessDays: number | null;
  clockStoppedOn: string | null;
}) {
  const { t } = useTranslation();
  const due = dueOf(props);
  const days = Math.abs(props.remainingBusinessDays ?? 0);
  return (
    <span className={`agency-due agency-due-${due}`}>
      <span className="agency-due-icon" aria-hidden="true">
        {ICON[due]}
      </span>
      <span>
        <strong>{t(`agency.due.${due}`)}</strong>
        {due === 'late' && <> · {t('agency.due.lateBy', { count: days })}</>}
        {(due === 'soon' || due === 'on_time') && <> · {t('agency.due.left', { count: days })}</>}
        {props.dueDate && due !== 'stopped' && <> · {formatDay(props.dueDate)}</>}
        {due === 'stopped' && props.clockStoppedOn && (
          <> · {t('agency.due.since', { day: formatDay(props.clockStoppedOn) })}</>
        )}
      </span>
    </span>
  );
}
