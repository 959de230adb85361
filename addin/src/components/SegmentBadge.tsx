import { Badge, type BadgeProps } from './fluent';
import type { Segment } from '../../../shared/domain/codes';
import { useCodeLabels } from '../core/i18n/codeLabels';
import { usePaneT } from '../core/i18n/I18nProvider';

const COLOUR: Record<Segment, BadgeProps['color']> = { A: 'brand', B: 'informative', C: 'subtle', P: 'important' };

/** The customer's segment in words (never colour alone). */
export function SegmentBadge({ segment }: { segment: Segment }) {
  const t = usePaneT();
  const labels = useCodeLabels();
  return (
    <Badge appearance="tint" shape="rounded" color={COLOUR[segment]} title={t('pane.segment.label')}>
      {labels.segment(segment)}
    </Badge>
  );
}
