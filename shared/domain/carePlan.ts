/**
 * Care-plan status (DOMAIN.md "Care-plan status"): the one pure computation that both the
 * server and the add-in use. For each rule, `last` is the newest matching action, `due` is
 * `last + cadence` (or creation + first-contact window / cadence when there is none);
 * overdue after `due`, due soon within the warning window before it, else on track.
 * The customer's overall status is its worst rule.
 */
import { TWO_WAY_CONTACT_KINDS, type ActionKind, type CarePlanStatus, type CustomerGroup, type Segment } from './codes';
import { addCalendarDays, DEFAULT_TIME_ZONE } from './zonedTime';

/** The languages a rule is named in (the user interface's languages, DOMAIN.md "Language"). */
export const RULE_LABEL_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type RuleLabelLanguage = (typeof RULE_LABEL_LANGUAGES)[number];
export type RuleLabels = Record<RuleLabelLanguage, string>;

export interface CarePlanRule {
  id: string;
  /** The English (default) name, what older screens show; always `labels.en`. */
  label: string;
  /** The name in each user-interface language. */
  labels: RuleLabels;
  segment: Segment;
  /** When set, the rule belongs to the segment × customer-group plan, which replaces the segment's own rules. */
  customerGroup?: CustomerGroup | null;
  actionKinds: readonly ActionKind[];
  cadenceDays: number;
  /** Days from the customer's creation to the first contact; the cadence when absent. */
  firstWithinDays?: number | null;
  warningDays: number;
}

export interface CareSubject {
  segment: Segment;
  customerGroup: CustomerGroup;
  createdAt: Date;
  /** The newest action of each kind on the customer. */
  lastActionAt: Partial<Record<ActionKind, Date>>;
  /**
   * Planned actions (a meeting or event logged ahead of its time). One whose time has passed
   * counts as a last action at once, before any job folds it into `lastActionAt`.
   */
  planned?: readonly PlannedAction[];
}

export interface PlannedAction {
  kind: ActionKind;
  occurredAt: Date;
}

/** The kinds that may be logged ahead of their time (a planned meeting or event); others must not be in the future. */
export const PLANNABLE_KINDS: readonly ActionKind[] = ['meeting', 'event'];

/** How far in the future an action of another kind may lie (clocks differ). */
export const FUTURE_SKEW_MS = 5 * 60_000;

/** Is the action planned (its time still to come) at `now`? Only plannable kinds are ever planned. */
export function isPlanned(action: PlannedAction, now: Date): boolean {
  return PLANNABLE_KINDS.includes(action.kind) && action.occurredAt.getTime() > now.getTime();
}

export interface RuleStatus {
  id: string;
  label: string;
  labels: RuleLabels;
  status: CarePlanStatus;
  lastAt: Date | null;
  dueAt: Date;
  /** The earliest planned action still to come that satisfies the rule. */
  plannedAt: Date | null;
}

export interface CarePlanEvaluation {
  overall: CarePlanStatus;
  rules: RuleStatus[];
}

export const DEFAULT_WARNING_DAYS = 7;

const SEVERITY: Record<CarePlanStatus, number> = { on_track: 0, due_soon: 1, overdue: 2 };

/** DOMAIN.md's default care plan; an administrator may replace it. */
const TWO_WAY: RuleLabels = { fi: 'Kaksisuuntainen yhteydenpito', sv: 'Tvåvägskontakt', en: 'Two-way contact' };
const MEETING: RuleLabels = { fi: 'Tapaaminen', sv: 'Möte', en: 'Meeting' };
const REVIEW: RuleLabels = { fi: 'Vuosisuunnittelupalaveri', sv: 'Årlig planeringsgenomgång', en: 'Annual planning review' };
const FOLLOW_UP: RuleLabels = { fi: 'Potentiaalisen asiakkaan seuranta', sv: 'Uppföljning av potentiell kund', en: 'Follow-up of a potential customer' };

/** DOMAIN.md's default care plan; an administrator may replace it. */
export const DEFAULT_CARE_PLAN_RULES: readonly CarePlanRule[] = [
  { id: 'A-contact', label: TWO_WAY.en, labels: TWO_WAY, segment: 'A', actionKinds: TWO_WAY_CONTACT_KINDS, cadenceDays: 30, warningDays: 7 },
  { id: 'A-meeting', label: MEETING.en, labels: MEETING, segment: 'A', actionKinds: ['meeting'], cadenceDays: 90, warningDays: 7 },
  { id: 'A-review', label: REVIEW.en, labels: REVIEW, segment: 'A', actionKinds: ['review'], cadenceDays: 365, warningDays: 7 },
  { id: 'B-contact', label: TWO_WAY.en, labels: TWO_WAY, segment: 'B', actionKinds: TWO_WAY_CONTACT_KINDS, cadenceDays: 60, warningDays: 7 },
  { id: 'B-meeting', label: MEETING.en, labels: MEETING, segment: 'B', actionKinds: ['meeting'], cadenceDays: 180, warningDays: 7 },
  { id: 'C-contact', label: TWO_WAY.en, labels: TWO_WAY, segment: 'C', actionKinds: TWO_WAY_CONTACT_KINDS, cadenceDays: 180, warningDays: 7 },
  {
    id: 'P-follow-up', label: FOLLOW_UP.en, labels: FOLLOW_UP, segment: 'P',
    actionKinds: [...TWO_WAY_CONTACT_KINDS, 'offer'], cadenceDays: 30, firstWithinDays: 14, warningDays: 7,
  },
];

/** The rules that apply to a customer: its segment × group plan when one exists, else its segment's plan. */
export function applicableRules<R extends CarePlanRule>(rules: readonly R[], segment: Segment, customerGroup: CustomerGroup): R[] {
  const forSegment = rules.filter((r) => r.segment === segment);
  const forGroup = forSegment.filter((r) => r.customerGroup === customerGroup);
  return forGroup.length > 0 ? forGroup : forSegment.filter((r) => !r.customerGroup);
}

export function ruleStatus(dueAt: Date, warningDays: number, now: Date, timeZone: string): CarePlanStatus {
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  return now.getTime() >= addCalendarDays(dueAt, -warningDays, timeZone).getTime() ? 'due_soon' : 'on_track';
}

export function lastMatchingAction(kinds: readonly ActionKind[], lastActionAt: CareSubject['lastActionAt']): Date | null {
  let newest: Date | null = null;
  for (const kind of kinds) {
    const at = lastActionAt[kind];
    if (at && (!newest || at.getTime() > newest.getTime())) newest = at;
  }
  return newest;
}

/** The newest action per kind with the planned actions whose time has passed, and those still to come (earliest first). */
function withPassedPlanned(subject: CareSubject, now: Date): { last: CareSubject['lastActionAt']; upcoming: PlannedAction[] } {
  const last = { ...subject.lastActionAt };
  const upcoming: PlannedAction[] = [];
  for (const p of subject.planned ?? []) {
    if (p.occurredAt.getTime() > now.getTime()) upcoming.push(p);
    else if (!last[p.kind] || last[p.kind]!.getTime() < p.occurredAt.getTime()) last[p.kind] = p.occurredAt;
  }
  upcoming.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  return { last, upcoming };
}

/**
 * Evaluates a customer against the care plan. Returns null when no rule applies
 * (a segment without a plan): such a customer has no status rather than a made-up one.
 */
export function evaluateCarePlan(
  rules: readonly CarePlanRule[],
  subject: CareSubject,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): CarePlanEvaluation | null {
  const applicable = applicableRules(rules, subject.segment, subject.customerGroup);
  if (applicable.length === 0) return null;
  const { last, upcoming } = withPassedPlanned(subject, now);
  const evaluated = applicable.map((rule): RuleStatus => {
    const lastAt = lastMatchingAction(rule.actionKinds, last);
    const dueAt = lastAt
      ? addCalendarDays(lastAt, rule.cadenceDays, timeZone)
      : addCalendarDays(subject.createdAt, rule.firstWithinDays ?? rule.cadenceDays, timeZone);
    const plannedAt = upcoming.find((p) => rule.actionKinds.includes(p.kind))?.occurredAt ?? null;
    return { id: rule.id, label: rule.label, labels: { ...rule.labels }, status: ruleStatus(dueAt, rule.warningDays, now, timeZone), lastAt, dueAt, plannedAt };
  });
  const overall = evaluated.reduce<CarePlanStatus>(
    (worst, r) => (SEVERITY[r.status] > SEVERITY[worst] ? r.status : worst),
    'on_track',
  );
  return { overall, rules: evaluated };
}
