import { Text } from '@fluentui/react-components';
import type { Action } from '../../../shared/contract';
import { useI18n } from '../i18n/I18nContext';
import { useRecentActionsStyles } from './RecentActions.styles';

export const RECENT_ACTIONS_SHOWN = 5;

/** The customer's newest actions, with who logged them. */
export function RecentActions({ actions }: { actions: readonly Action[] }) {
  const { t, date } = useI18n();
  const styles = useRecentActionsStyles();
  const newest = [...actions]
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt))
    .slice(0, RECENT_ACTIONS_SHOWN);
  return (
    <>
      <h4 className={styles.heading}>{t('actions.heading')}</h4>
      {newest.length === 0 ? (
        <Text>{t('actions.none')}</Text>
      ) : (
        <ul className={styles.list} aria-label={t('actions.heading')}>
          {newest.map((action) => (
            <li key={action.id} className={styles.item}>
              <span className={styles.meta}>
                {date(action.occurredAt)} · {t(`kind.${action.kind}`)} · {t('actions.loggedBy', { name: action.loggedBy.name })}
              </span>
              {action.subject && <Text className={styles.subject}>{action.subject}</Text>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
