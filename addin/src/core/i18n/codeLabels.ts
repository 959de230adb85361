/**
 * The words for the domain's codes (action kinds, segments, customer groups, roles, care-plan
 * statuses) in the user's language, from the `code.*` messages — the one place the pane and the
 * web app get them from. `ruleLabel` picks a care-plan rule's label in the user's language.
 */
import { useMemo } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import type { ActionKind, CarePlanStatus, CustomerGroup, Role, Segment } from '../../../../shared/domain/codes';
import type { Language, MessageId } from './catalogs';
import { useLanguage } from './I18nProvider';

export interface CodeLabels {
  actionKind(kind: ActionKind): string;
  segment(segment: Segment): string;
  customerGroup(group: CustomerGroup): string;
  role(role: Role): string;
  carePlanStatus(status: CarePlanStatus): string;
  /** A care-plan rule's label in the user's language (see `ruleLabel`). */
  rule(rule: LabelledRule): string;
}

export interface LabelledRule {
  label: string;
  labels?: Partial<Record<Language, string>> | null | undefined;
}

/** The rule's label in `language`, else its English one, else the stored `label`. */
export function ruleLabel(rule: LabelledRule, language: Language): string {
  return rule.labels?.[language]?.trim() || rule.labels?.en?.trim() || rule.label;
}

export function codeLabels(intl: Pick<IntlShape, 'formatMessage'>, language: Language): CodeLabels {
  const say = (id: MessageId) => intl.formatMessage({ id });
  return {
    actionKind: (kind) => say(`code.actionKind.${kind}`),
    segment: (segment) => say(`code.segment.${segment}`),
    customerGroup: (group) => say(`code.customerGroup.${group}`),
    role: (role) => say(`code.role.${role}`),
    carePlanStatus: (status) => say(`code.carePlanStatus.${status}`),
    rule: (rule) => ruleLabel(rule, language),
  };
}

export function useCodeLabels(): CodeLabels {
  const intl = useIntl();
  const { language } = useLanguage();
  return useMemo(() => codeLabels(intl, language), [intl, language]);
}
