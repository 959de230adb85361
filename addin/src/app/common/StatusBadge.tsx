/** A customer's care-plan status as text in a coloured badge (never colour alone); "no care plan" when none applies. */
import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { CarePlanStatus } from '../../../../shared/domain/codes';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT } from '../../core/i18n/I18nProvider';

const COLOUR: Record<CarePlanStatus, BadgeProps['color']> = { on_track: 'success', due_soon: 'warning', overdue: 'danger' };

export function StatusBadge({ status }: { status: CarePlanStatus | null }) {
  const labels = useCodeLabels();
  const t = useT();
  if (!status) return <Badge appearance="outline" shape="rounded" color="informative">{t('app.desk.noPlan')}</Badge>;
  return <Badge appearance="filled" shape="rounded" color={COLOUR[status]} data-status={status}>{labels.carePlanStatus(status)}</Badge>;
}
