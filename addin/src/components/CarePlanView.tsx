import { Text } from '@fluentui/react-components';
import type { CarePlanView as CarePlan } from '../../../shared/contract';
import { useI18n, type I18n } from '../i18n/I18nContext';
import { isMessageKey } from '../i18n/translate';
import { CarePlanStatusBadge } from './CarePlanStatusBadge';
import { useCarePlanStyles } from './CarePlanView.styles';

/** Default rules have ids like `A-contact`; their labels are translated, others shown as the server names them. */
function ruleLabel(t: I18n['t'], id: string, label: string): string {
  const key = `rule.${id.replace(/^[A-Z]-/, '')}`;
  return isMessageKey(key) ? t(key) : label;
}

/** The customer's overall care-plan status and each rule with its last and due date. */
export function CarePlanView({ carePlan }: { carePlan: CarePlan | null }) {
  const { t, date } = useI18n();
  const styles = useCarePlanStyles();
  if (!carePlan) {
    return (
      <>
        <h4 className={styles.heading}>{t('carePlan.heading')}</h4>
        <Text>{t('carePlan.none')}</Text>
      </>
    );
  }
  return (
    <>
      <h4 className={styles.heading}>
        {t('carePlan.heading')} <CarePlanStatusBadge status={carePlan.overall} />
      </h4>
      <ul className={styles.rules} aria-label={t('carePlan.heading')}>
        {carePlan.rules.map((rule) => (
          <li key={rule.id} className={styles.rule}>
            <Text>{ruleLabel(t, rule.id, rule.label)}</Text>
            <CarePlanStatusBadge status={rule.status} />
            <span className={styles.dates}>
              {rule.lastAt ? t('carePlan.last', { date: date(rule.lastAt) }) : t('carePlan.never')}
              {' · '}
              {t('carePlan.due', { date: date(rule.dueAt) })}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
