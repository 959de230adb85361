import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { CarePlanStatus } from '../../../shared/domain/codes';
import { useI18n } from '../i18n/I18nContext';

const COLOUR: Record<CarePlanStatus, BadgeProps['color']> = { on_track: 'success', due_soon: 'warning', overdue: 'danger' };

/** On track / due soon / overdue, as text with a matching colour. */
export function CarePlanStatusBadge({ status }: { status: CarePlanStatus }) {
  const { t } = useI18n();
  return (
    <Badge appearance="filled" shape="rounded" color={COLOUR[status]}>
      {t(`status.${status}`)}
    </Badge>
  );
}
