import { Text } from './fluent';
import type { CarePlanView as CarePlan } from '../../../shared/contract';
import { useCodeLabels } from '../core/i18n/codeLabels';
import { useDates } from '../core/i18n/dates';
import { usePaneT } from '../core/i18n/I18nProvider';
import { CarePlanStatusBadge } from './CarePlanStatusBadge';
import { useCarePlanStyles } from './CarePlanView.styles';

/** The customer's overall care-plan status and each rule (named in the user's language) with its last and due date. */
export function CarePlanView({ carePlan }: { carePlan: CarePlan | null }) {
  const t = usePaneT();
  const labels = useCodeLabels();
  const { date } = useDates();
  const styles = useCarePlanStyles();
  if (!carePlan) {
    return (
      <>
        <h4 className={styles.heading}>{t('pane.carePlan.heading')}</h4>
        <Text>{t('pane.carePlan.none')}</Text>
      </>
    );
  }
  return (
    <>
      <h4 className={styles.heading}>
        {t('pane.carePlan.heading')} <CarePlanStatusBadge status={carePlan.overall} />
      </h4>
      <ul className={styles.rules} aria-label={t('pane.carePlan.heading')}>
        {carePlan.rules.map((rule) => (
          <li key={rule.id} className={styles.rule}>
            <Text>{labels.rule(rule)}</Text>
            <CarePlanStatusBadge status={rule.status} />
            <span className={styles.dates}>
              {rule.lastAt
                ? t('pane.carePlan.lastAndDue', { last: date(rule.lastAt), due: date(rule.dueAt) })
                : t('pane.carePlan.neverAndDue', { due: date(rule.dueAt) })}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
