/**
 * A desk row's care plan in words: "Tapaaminen myöhässä 12 pv", "Kaksisuuntainen yhteydenpito
 * erääntyy 5 pv kuluttua", "Ajallaan, seuraava 3.2.2027", "Tapaaminen suunniteltu 5.12.2026",
 * with the rule named in the user's language.
 */
import type { DeskCustomer } from '../../../../shared/contract-desk';
import type { CodeLabels } from '../../core/i18n/codeLabels';
import type { Translate } from '../../core/i18n/I18nProvider';
import type { Formats } from '../common/format';

export function dueRuleText(t: Translate, labels: CodeLabels, fmt: Formats, customer: DeskCustomer): string {
  const plan = customer.carePlan;
  if (!plan) return t('app.desk.noPlan');
  const due = customer.dueRule;
  const full = due ? plan.rules.find((r) => r.id === due.id) : undefined;
  const rule = labels.rule({ label: due?.label ?? full?.label ?? '', labels: full?.labels ?? null });
  if (full?.plannedAt) return t('app.desk.rule.planned', { rule, date: fmt.date(full.plannedAt) });
  if (due?.status === 'overdue') return t('app.desk.rule.overdue', { rule, days: Math.max(1, due.daysPastDue) });
  if (due?.status === 'due_soon') return t('app.desk.rule.dueSoon', { rule, days: Math.max(0, -due.daysPastDue) });
  const next = due?.dueAt ?? plan.rules.map((r) => r.dueAt).sort()[0];
  return next ? t('app.desk.rule.onTrack', { date: fmt.date(next) }) : t('app.desk.noPlan');
}
