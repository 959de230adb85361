/** Small pieces the customer pages share: badges in words, problem texts. Dates: ../common/format (useFormats). */
import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { CarePlanStatus, Segment } from '../../../../shared/domain/codes';
import { ApiError } from '../../api/errors';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT, type Translate } from '../../core/i18n/I18nProvider';

const SEGMENT_COLOUR: Record<Segment, BadgeProps['color']> = { A: 'brand', B: 'informative', C: 'subtle', P: 'important' };
const STATUS_COLOUR: Record<CarePlanStatus, BadgeProps['color']> = { on_track: 'success', due_soon: 'warning', overdue: 'danger' };

export function SegmentTag({ segment }: { segment: Segment }) {
  const labels = useCodeLabels();
  return <Badge appearance="tint" shape="rounded" color={SEGMENT_COLOUR[segment]}>{labels.segment(segment)}</Badge>;
}

/** A care-plan status as text and colour; "no care plan" when null. */
export function StatusTag({ status }: { status: CarePlanStatus | null }) {
  const labels = useCodeLabels();
  const t = useT();
  if (!status) return <Badge appearance="outline" shape="rounded" color="subtle">{t('app.cust.noPlan')}</Badge>;
  return <Badge appearance="filled" shape="rounded" color={STATUS_COLOUR[status]}>{labels.carePlanStatus(status)}</Badge>;
}

/** What went wrong, in the user's words (the server's own message is English). */
export function problemOf(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return t('app.cust.problem.unknown');
  if (error.kind === 'network') return t('app.cust.problem.network');
  if (error.status === 403) return t('app.cust.problem.forbidden');
  if (error.status === 404) return t('app.cust.problem.notFound');
  if (error.status === 409) return t('app.cust.problem.conflict');
  if (error.status !== undefined && error.status >= 500) return t('app.cust.problem.server');
  if (error.status !== undefined && error.status >= 400) return t('app.cust.problem.invalid');
  return t('app.cust.problem.unknown');
}

/** A value that follows `value` after `ms` of quiet (typing in a search box). */
export { useDebounced } from './useDebounced';
