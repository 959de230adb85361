/**
 * The campaign pages' codes in words (campaign status, mailing and recipient states, why a
 * recipient got no mail, marketing consent, a contact's language) and the server's field problems
 * of campaigns and mailings in the user's language. No code is ever shown as it is.
 */
import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { CampaignStatus, MailingState, MarketingConsent, RecipientState } from '../../../../shared/contract-campaigns';
import type { Language } from '../../../../shared/domain/codes';
import type { MergeField } from '../../../../shared/domain/mailMerge';
import { ApiError } from '../../api/errors';
import { useT, type Translate } from '../../core/i18n/I18nProvider';
import { fieldMessage } from '../common/errors';

const REASONS = ['no_email', 'opted_out', 'bounced', 'duplicate_address', 'interrupted'] as const;

export function campaignWords(t: Translate) {
  return {
    status: (s: CampaignStatus) => t(`app.campaign.status.${s}`),
    mailingState: (s: MailingState) => t(`app.mailing.state.${s}`),
    recipientState: (s: RecipientState) => t(`app.mailing.recipientState.${s}`),
    /** A skipped (or interrupted) recipient's reason as a sentence; an unknown one as "for another reason". */
    reason: (r: string) => ((REASONS as readonly string[]).includes(r) ? t(`app.mailing.reason.${r as (typeof REASONS)[number]}`) : t('app.mailing.reason.other')),
    consent: (c: MarketingConsent) => t(`app.contact.consent.${c}`),
    language: (l: Language | null) => t(`app.contact.language.${l ?? 'fi'}`),
    mergeField: (f: MergeField) => t(`app.mailing.field.${f}`),
  };
}

export const useCampaignWords = () => campaignWords(useT());

const STATUS_COLOUR: Record<CampaignStatus, BadgeProps['color']> = { planned: 'informative', active: 'brand', completed: 'success', cancelled: 'subtle' };
const STATE_COLOUR: Record<MailingState, BadgeProps['color']> = { draft: 'informative', scheduled: 'warning', sending: 'brand', sent: 'success', cancelled: 'subtle' };

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const w = useCampaignWords();
  return <Badge appearance="tint" shape="rounded" color={STATUS_COLOUR[status]}>{w.status(status)}</Badge>;
}

export function MailingStateTag({ state }: { state: MailingState }) {
  const w = useCampaignWords();
  return <Badge appearance="filled" shape="rounded" color={STATE_COLOUR[state]} data-state={state}>{w.mailingState(state)}</Badge>;
}

/**
 * What the server said about a field of a campaign or a mailing: its own checks (a period
 * backwards, unknown merge fields, a subject on two lines, a selection not found) in the user's
 * language, everything else through the app's field messages.
 */
export function campaignFieldProblem(t: Translate, error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const hit = error.fields.find((f) => f.path === field || f.path.startsWith(`${field}.`));
  if (!hit) return undefined;
  const unknown = /has unknown merge fields (.*?); known are/.exec(hit.message);
  if (unknown) return t('app.mailing.unknownFields', { fields: unknown[1]! });
  if (hit.message === 'must be one line') return t('app.mailing.oneLine');
  if (hit.message === 'must not be before the start') return t('app.campaign.endBeforeStart');
  if (/names no selection you can use/.test(hit.message)) return t('app.campaign.selectionGone');
  if (hit.message === 'must not be in the past') return t('app.mailing.atPast');
  if (/must have \{\{surveyLink\}\}/.test(hit.message)) return t('app.mailing.surveyLinkMissing', { field: '{{surveyLink}}' });
  if (/names a closed survey/.test(hit.message)) return t('app.mailing.surveyClosed');
  if (/names no survey/.test(hit.message)) return t('app.mailing.surveyGone');
  return fieldMessage(t, hit);
}
