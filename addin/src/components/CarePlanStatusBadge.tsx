import { Badge, type BadgeProps } from './fluent';
import type { CarePlanStatus } from '../../../shared/domain/codes';
import { useCodeLabels } from '../core/i18n/codeLabels';

const COLOUR: Record<CarePlanStatus, BadgeProps['color']> = { on_track: 'success', due_soon: 'warning', overdue: 'danger' };

/** On track / due soon / overdue, as text with a matching colour. */
export function CarePlanStatusBadge({ status }: { status: CarePlanStatus }) {
  const labels = useCodeLabels();
  return (
    <Badge appearance="filled" shape="rounded" color={COLOUR[status]}>
      {labels.carePlanStatus(status)}
    </Badge>
  );
}
