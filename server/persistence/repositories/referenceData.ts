/**
 * Reference data that nearly every screen needs and few writes change: the care-plan rules, the
 * users (their names for responsible/backup, and who a token belongs to) and the classification
 * names. Held in this process and read again
 * - at once after any write to those collections through this process (models.ts counts them), and
 * - at the latest REFERENCE_TTL_MS after it was read, for writes through other instances.
 * The collections are small (rules: tens; users: hundreds; classifications: hundreds).
 */
import type { CarePlanRule } from '../../../shared/domain/carePlan';
import { normaliseEmail } from '../../../shared/domain/email';
import type { CarePlanRuleDoc, ClassificationNodeDoc, Models, UserDoc } from '../models';
import { referenceVersion } from '../models';
import { classificationFromDoc, userFromDoc, type ClassificationRecord, type UserRecord } from './records';

export const REFERENCE_TTL_MS = 30_000;

/** A classification as screens name it. */
export type ClassificationName = ClassificationRecord;

export interface ReferenceSnapshot {
  rules: CarePlanRule[];
  users: Map<string, UserRecord>;
  usersBySubject: Map<string, UserRecord>;
  /** Users by their normalised address: a colleague on a mail. */
  usersByEmail: Map<string, UserRecord>;
  classifications: Map<string, ClassificationName>;
}

export interface ReferenceData {
  /** The current snapshot (cached; one read of each collection when stale). */
  get(): Promise<ReferenceSnapshot>;
  /** Forget the snapshot: the next `get` reads again. */
  invalidate(): void;
}

export function ruleFromDoc(r: CarePlanRuleDoc): CarePlanRule {
  return {
    id: r._id,
    label: r.label,
    // A rule stored before rules had names per language reads its one name in each.
    labels: { fi: r.labels?.fi ?? r.label, sv: r.labels?.sv ?? r.label, en: r.labels?.en ?? r.label },
    segment: r.segment,
    customerGroup: r.customerGroup ?? null,
    actionKinds: r.actionKinds as CarePlanRule['actionKinds'],
    cadenceDays: r.cadenceDays,
    firstWithinDays: r.firstWithinDays ?? null,
    warningDays: r.warningDays,
  };
}

export function referenceData(models: Models, clock: () => number = Date.now): ReferenceData {
  const dbName = models.User.db.name;
  let cached: { snapshot: Promise<ReferenceSnapshot>; version: number; readAt: number } | null = null;

  async function load(): Promise<ReferenceSnapshot> {
    const [rules, users, classifications] = await Promise.all([
      models.CarePlanRule.find().lean<CarePlanRuleDoc[]>(),
      models.User.find().lean<UserDoc[]>(),
      models.ClassificationNode.find({}, { name: 1, parentId: 1, appliesTo: 1 }).lean<ClassificationNodeDoc[]>(),
    ]);
    const userRecords = users.map(userFromDoc);
    return {
      rules: rules.map(ruleFromDoc),
      users: new Map(userRecords.map((u) => [u.id, u])),
      usersBySubject: new Map(userRecords.map((u) => [u.authSubject, u])),
      usersByEmail: new Map(userRecords.flatMap((u) => {
        const email = normaliseEmail(u.email);
        return email ? [[email, u] as const] : [];
      })),
      classifications: new Map(classifications.map((c) => [String(c._id), classificationFromDoc(c)])),
    };
  }

  return {
    get() {
      const version = referenceVersion(dbName);
      const now = clock();
      if (!cached || cached.version !== version || now - cached.readAt > REFERENCE_TTL_MS) {
        const snapshot = load();
        const entry = { snapshot, version, readAt: now };
        cached = entry;
        // A failed read is not kept: the next call tries again.
        snapshot.catch(() => {
          if (cached === entry) cached = null;
        });
      }
      return cached.snapshot;
    },
    invalidate() {
      cached = null;
    },
  };
}
