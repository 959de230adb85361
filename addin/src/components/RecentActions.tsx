import { Text } from './fluent';
import type { Action } from '../../../shared/contract';
import { useCodeLabels } from '../core/i18n/codeLabels';
import { useDates } from '../core/i18n/dates';
import { usePaneT } from '../core/i18n/I18nProvider';
import { useRecentActionsStyles } from './RecentActions.styles';

export const RECENT_ACTIONS_SHOWN = 5;

/** The customer's newest actions, with who logged them. */
export function RecentActions({ actions }: { actions: readonly Action[] }) {
  const t = usePaneT();
  const labels = useCodeLabels();
  const { date } = useDates();
  const styles = useRecentActionsStyles();
  const newest = [...actions]
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt))
    .slice(0, RECENT_ACTIONS_SHOWN);
  return (
    <>
      <h4 className={styles.heading}>{t('pane.actions.heading')}</h4>
      {newest.length === 0 ? (
        <Text>{t('pane.actions.none')}</Text>
      ) : (
        <ul className={styles.list} aria-label={t('pane.actions.heading')}>
          {newest.map((action) => (
            <li key={action.id} className={styles.item}>
              <span className={styles.meta}>
                {t('pane.actions.line', { date: date(action.occurredAt), kind: labels.actionKind(action.kind), name: action.loggedBy.name })}
              </span>
              {action.subject && <Text className={styles.subject}>{action.subject}</Text>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
