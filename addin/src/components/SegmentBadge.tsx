import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { Segment } from '../../../shared/domain/codes';
import { useI18n } from '../i18n/I18nContext';

const COLOUR: Record<Segment, BadgeProps['color']> = { A: 'brand', B: 'informative', C: 'subtle', P: 'important' };

/** The customer's segment in words (never colour alone). */
export function SegmentBadge({ segment }: { segment: Segment }) {
  const { t } = useI18n();
  return (
    <Badge appearance="tint" shape="rounded" color={COLOUR[segment]} title={t('segment.label')}>
      {t(`segment.${segment}`)}
    </Badge>
  );
}
