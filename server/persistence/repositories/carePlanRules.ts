/**
 * Care-plan rules (`care_plan_rules`), as administrators keep them. Screens that only show status
 * read them from the reference data (./referenceData); administration, the dashboard and exports
 * read them here, as they are now.
 *
 * Why each write is safe with several instances:
 * - a create is an insert of the rule under its `_id`; a taken `_id` is refused by the `_id` index
 *   and the caller picks another.
 * - a change is a `$set` of the named fields by `_id`, as a compare-and-set on the cadence and the
 *   warning window the writer checked against each other (`expect`): of two administrators changing
 *   one the cadence and the other the window, the second is told to look again rather than leave a
 *   window as long as the cadence.
 * - a rename sets only the languages named (`$set` of `labels.<lang>`, independent fields), so two
 *   administrators naming a rule in two languages both keep their name.
 * - the defaults go into an empty collection as inserts under their fixed `_id`s, so instances
 *   starting at once write each rule once.
 * - the names of the default rules in a database older than them (`fillDefaultRuleLabels`): a `$set`
 *   of `labels` by `_id`, only where the rule has none and still has its default English name, so
 *   it is idempotent and never overwrites an administrator's name.
 *
 * Writes go through mongoose's model methods (not the raw collection), so that the reference-data
 * cache sees them.
 */
import { DEFAULT_CARE_PLAN_RULES, type CarePlanRule, type RuleLabels } from '../../../shared/domain/carePlan';
import { isDuplicateKeyError, type Engine } from '../engine';
import type { CarePlanRuleDoc, Models } from '../models';
import { ruleFromDoc } from './referenceData';

export type CarePlanRuleFields = Omit<CarePlanRule, 'id'>;

/** A change of a rule: fields to set, and the names to set in the languages given. */
export type CarePlanRulePatch = Partial<Omit<CarePlanRuleFields, 'labels'>> & { labels?: Partial<RuleLabels> };

export type CarePlanRuleChange = { matched: true; rule: CarePlanRule } | { matched: false; exists: boolean };

export interface CarePlanRuleRepository {
  /** Every rule, read now. */
  all(): Promise<CarePlanRule[]>;
  get(id: string): Promise<CarePlanRule | null>;
  /** Inserts a rule; null when its id is taken. */
  insert(rule: CarePlanRule): Promise<CarePlanRule | null>;
  /** Sets the fields given, provided the rule still has the cadence and window `expect` names. */
  update(id: string, fields: CarePlanRulePatch, expect: Pick<CarePlanRule, 'cadenceDays' | 'warningDays'>): Promise<CarePlanRuleChange>;
  delete(id: string): Promise<boolean>;
}

const toDoc = (r: Partial<CarePlanRule>): Record<string, unknown> => {
  const { id, ...fields } = r;
  return {
    ...(id !== undefined ? { _id: id } : {}),
    ...fields,
    ...(fields.actionKinds ? { actionKinds: [...fields.actionKinds] } : {}),
    ...(fields.labels ? { labels: { ...fields.labels } } : {}),
  };
};

/** The `$set` of a change: each language named is its own path, so the other names stay. */
const patchToSet = ({ labels, ...fields }: CarePlanRulePatch): Record<string, unknown> => ({
  ...toDoc(fields),
  ...Object.fromEntries(Object.entries(labels ?? {}).map(([lang, name]) => [`labels.${lang}`, name])),
});

export function carePlanRuleRepository(models: Models, engine: Engine): CarePlanRuleRepository {
  const { CarePlanRule: Rule } = models;
  const get = async (id: string) => {
    const [doc] = await engine.findByIds<CarePlanRuleDoc>(Rule, [id]);
    return doc ? ruleFromDoc(doc) : null;
  };
  return {
    async all() {
      return (await Rule.find().lean<CarePlanRuleDoc[]>()).map(ruleFromDoc);
    },
    get,
    async insert(rule) {
      try {
        const doc = await Rule.create(toDoc({ customerGroup: null, firstWithinDays: null, ...rule }));
        return ruleFromDoc(doc.toObject() as CarePlanRuleDoc);
      } catch (err) {
        if (isDuplicateKeyError(err)) return null;
        throw err;
      }
    },
    async update(id, fields, expect) {
      const res = await engine.updateById<CarePlanRuleDoc>(Rule, id, { $set: patchToSet(fields) }, { where: { ...expect }, returnDocument: 'after' });
      if (res.doc) return { matched: true, rule: ruleFromDoc(res.doc) };
      return { matched: false, exists: (await get(id)) !== null };
    },
    async delete(id) {
      return engine.deleteById(Rule, id);
    },
  };
}

/** Seeds DOMAIN.md's default care plan into an empty rule collection; safe to run from several instances at once. */
export async function seedDefaultCarePlan(models: Models): Promise<void> {
  if ((await models.CarePlanRule.estimatedDocumentCount()) > 0) return;
  for (const r of DEFAULT_CARE_PLAN_RULES) {
    try {
      await models.CarePlanRule.create({
        _id: r.id, label: r.label, labels: { ...r.labels }, segment: r.segment, customerGroup: r.customerGroup ?? null,
        actionKinds: [...r.actionKinds], cadenceDays: r.cadenceDays, firstWithinDays: r.firstWithinDays ?? null, warningDays: r.warningDays,
      });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}

/**
 * Names the default rules in every language in a database seeded before rules had names per
 * language: only a default rule without `labels` whose `label` is still the default English one.
 * Idempotent; safe from several instances at once (a conditional `$set` by `_id`).
 */
export async function fillDefaultRuleLabels(models: Models, engine: Engine): Promise<number> {
  let filled = 0;
  for (const r of DEFAULT_CARE_PLAN_RULES) {
    const res = await engine.updateById(models.CarePlanRule, r.id, { $set: { labels: { ...r.labels } } }, { where: { labels: null, label: r.label } });
    if (res.modified) filled++;
  }
  return filled;
}
