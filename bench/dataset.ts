/**
 * The benchmark's dataset: a college-sized customer base written straight through the driver
 * (unordered insertMany in batches), in the same document shapes the server writes, including
 * the `unique_keys` documents and each customer's `lastActionAt`. Deterministic for a seed.
 */
import { Types } from 'mongoose';
import { businessIdCheckDigit } from '../shared/domain/businessId';
import { contactSearchWords, customerSearchWords } from '../shared/domain/searchText';
import type { ActionKind, CustomerGroup, Segment } from '../shared/domain/codes';
import type { ActionDoc, Models } from '../server/persistence/models';
import { RECENT_ACTIONS, type IndexedEntry } from '../server/persistence/repositories';
import { monthOf } from '../server/persistence/repositories/timeline';
import { keyId } from '../server/persistence/repositories/uniqueKeys';
import { mailLogId } from '../server/persistence/repositories/mailLogs';
import { emailActionId } from '../server/usecases/logEmail';

/** A stored action as a customer's newest-actions list keeps it (everything but the mail's participants). */
type RecentAction = Omit<ActionDoc, 'participants'>;

const newerFirst = (a: RecentAction, b: RecentAction) =>
  b.occurredAt.getTime() - a.occurredAt.getTime() || String(b._id).localeCompare(String(a._id));

/** The list with `action` in its place, newest first, at most RECENT_ACTIONS long (what customers.recordAction keeps). */
function withRecent(list: readonly RecentAction[], action: RecentAction): RecentAction[] {
  if (list.some((r) => r._id.equals(action._id))) return [...list];
  const { _id, kind, occurredAt, subject, excerpt, organizationId, contactIds, loggedBy, loggedAt, internetMessageId, conversationId } = action;
  return [...list, { _id, kind, occurredAt, subject, excerpt, organizationId, contactIds, loggedBy, loggedAt, internetMessageId, conversationId }]
    .sort(newerFirst)
    .slice(0, RECENT_ACTIONS);
}

export interface DatasetScale {
  organizations: number;
  contacts: number;
  actions: number;
}

export const FULL_SCALE: DatasetScale = { organizations: 100_000, contacts: 300_000, actions: 1_000_000 };
export const QUICK_SCALE: DatasetScale = { organizations: 10_000, contacts: 30_000, actions: 100_000 };
/** The web desktop's scale: one college's customer base (about 300 customers per account manager's desk). */
export const COLLEGE_SCALE: DatasetScale = { organizations: 5_000, contacts: 15_000, actions: 150_000 };

/** What the load scenarios draw their requests from. */
export interface Samples {
  /** Addresses of existing contacts. */
  contactEmails: string[];
  /** Addresses at a customer's domain that belong to no contact. */
  domainEmails: string[];
  /** Addresses nobody knows (public mail domains and unknown companies). */
  unknownEmails: string[];
  /** Incoming mail already logged: the same message id and sender log onto the same action again. */
  loggedMails: { internetMessageId: string; from: string; occurredAt: string }[];
  /** The account managers the load signs in as. */
  managerEmails: string[];
  /** Customers spread over the whole collection (the one-read ceiling reads them by `_id`). */
  organizationIds: string[];
}

export interface GeneratedDataset {
  counts: { organizations: number; contacts: number; actions: number; uniqueKeys: number; users: number };
  seconds: { insert: number; indexes: number; total: number };
  samples: Samples;
  /** With `readModels`: the search index's entries of every customer and contact (for repos.search.replaceAll). */
  searchEntries?: IndexedEntry[];
}

/** A small, fast, seeded PRNG (mulberry32), so every run builds the same data. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

/** Segment mix of a college's customer base: few key customers, many occasional ones and prospects. */
const SEGMENT_MIX: ReadonlyArray<[Segment, number]> = [['A', 0.05], ['B', 0.15], ['C', 0.5], ['P', 0.3]];
const GROUP_MIX: ReadonlyArray<[CustomerGroup, number]> = [
  ['company', 0.68], ['public', 0.1], ['employment_office', 0.03], ['apprenticeship', 0.14], ['partner', 0.05],
];
/** How much contact and activity each segment gets, relative to the others. */
const CONTACT_WEIGHT: Record<Segment, number> = { A: 8, B: 5, C: 3, P: 1.5 };
const ACTION_WEIGHT: Record<Segment, number> = { A: 60, B: 25, C: 8, P: 2 };
const KIND_MIX: ReadonlyArray<[ActionKind, number]> = [
  ['email_in', 0.36], ['email_out', 0.3], ['call', 0.14], ['meeting', 0.08], ['note', 0.05], ['offer', 0.04], ['event', 0.02], ['review', 0.01],
];

const NAME_PARTS = ['Rakennus', 'Sähkö', 'Logistiikka', 'Hoiva', 'Kone', 'Puu', 'Metalli', 'Ravintola', 'Kiinteistö', 'Paino', 'Auto', 'Vesi', 'Energia', 'Ohjelmisto', 'Kuljetus', 'Siivous', 'Maalaus', 'Teräs', 'Lasi', 'Kaluste'];
const PLACES = ['Espoo', 'Kauniainen', 'Kirkkonummi', 'Lohja', 'Vihti', 'Helsinki', 'Vantaa', 'Siuntio', 'Inkoo', 'Karkkila', 'Hanko', 'Raasepori'];
const FORMS: Record<CustomerGroup, string[]> = {
  company: ['Oy', 'Ab', 'Ky', 'Oyj'],
  public: ['kaupunki', 'kunta', 'hyvinvointialue'],
  employment_office: ['TE-palvelut'],
  apprenticeship: ['Oy', 'Ky'],
  partner: ['koulutuskuntayhtymä', 'ammattiopisto'],
};
const FIRST = ['Matti', 'Päivi', 'Jari', 'Tiina', 'Kari', 'Satu', 'Heikki', 'Minna', 'Timo', 'Riikka', 'Antti', 'Hanna', 'Pekka', 'Johanna', 'Väinö', 'Åsa', 'Sari', 'Juha', 'Eeva', 'Mika'];
const LAST = ['Lahtinen', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Saarinen', 'Salminen', 'Laine', 'Hölttä', 'Björklund', 'Räsänen', 'Kärkkäinen', 'Virtanen', 'Mäkelä', 'Nieminen'];
const TITLES = ['Henkilöstöpäällikkö', 'Toimitusjohtaja', 'Koulutuskoordinaattori', 'HR-asiantuntija', 'Työnjohtaja', 'Kehityspäällikkö', 'Palvelupäällikkö'];
const SUBJECTS = ['Työturvallisuuskorttikoulutus syksyllä', 'Oppisopimuskoulutuksen aloitus', 'Tarjous: johtamisen erikoisammattitutkinto', 'Henkilöstön osaamiskartoitus', 'Rekrytointikoulutus – tilannekatsaus', 'Vuosisuunnittelupalaveri', 'Hygieniapassikoulutus ryhmälle', 'Re: Koulutuspäivien aikataulu', 'Tulityökortti – ilmoittautuneet'];

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');

function pick<T>(mix: ReadonlyArray<[T, number]>, r: number): T {
  let acc = 0;
  for (const [value, share] of mix) {
    acc += share;
    if (r < acc) return value;
  }
  return mix[mix.length - 1]![0];
}

function businessIdFor(n: number): string {
  for (let base = 1_000_000 + ((n * 37) % 8_000_000); ; base++) {
    const digits = String(base).padStart(7, '0');
    const check = businessIdCheckDigit(digits);
    if (check !== null) return `${digits}-${check}`;
  }
}

/** Distributes `total` over items by weight, exactly (largest remainders). */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]![1]]! += 1;
  return counts;
}

/** Writes batches with a few inserts in flight, so that building documents overlaps the database's work. */
class BatchWriter {
  private pending = new Set<Promise<void>>();
  private buffers = new Map<string, unknown[]>();
  written = 0;
  constructor(private models: Models, private batchSize: number, private inFlight: number) {}

  async add(collection: keyof Models, doc: unknown): Promise<void> {
    let buf = this.buffers.get(collection);
    if (!buf) this.buffers.set(collection, (buf = []));
    buf.push(doc);
    if (buf.length >= this.batchSize) await this.flush(collection);
  }

  async flush(collection: keyof Models): Promise<void> {
    const docs = this.buffers.get(collection);
    if (!docs || docs.length === 0) return;
    this.buffers.set(collection, []);
    while (this.pending.size >= this.inFlight) await Promise.race(this.pending);
    const p = this.models[collection].collection
      .insertMany(docs as never[], { ordered: false })
      .then((r) => {
        this.written += r.insertedCount;
      })
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  async finish(): Promise<void> {
    for (const c of [...this.buffers.keys()]) await this.flush(c as keyof Models);
    await Promise.all(this.pending);
  }
}

export async function generateDataset(
  models: Models,
  scale: DatasetScale,
  opts: {
    now?: Date;
    seed?: number;
    batchSize?: number;
    log?: (m: string) => void;
    /**
     * Also writes the read models the server would otherwise backfill at start, customer by customer
     * (ensureReadModels): the timeline buckets (inserted whole), each customer's `contactIds`,
     * `timelineMonths` and `lastActionAny`, and returns the search entries.
     */
    readModels?: boolean;
  } = {},
): Promise<GeneratedDataset> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const rnd = randomSource(opts.seed ?? 20_060_101);
  const log = opts.log ?? (() => undefined);
  const writer = new BatchWriter(models, opts.batchSize ?? 2_000, 3);
  const threeYears = 3 * 365 * DAY;

  // People of the college and the classification tree: small, created first.
  const managers = Array.from({ length: 40 }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const email = `${ascii(first)}.${ascii(last)}${i}@omnia.fi`;
    return { _id: new Types.ObjectId(), email, name: `${first} ${last}`, role: 'account_manager', department: i % 3 ? 'Yrityspalvelut' : 'Työvoimakoulutus', authSubject: `dev:${email}`, createdAt: now, updatedAt: now };
  });
  const others = [
    { _id: new Types.ObjectId(), email: 'rehtori@omnia.fi', name: 'Rehtori', role: 'management', department: 'Johto', authSubject: 'dev:rehtori@omnia.fi', createdAt: now, updatedAt: now },
    { _id: new Types.ObjectId(), email: 'paakayttaja@omnia.fi', name: 'Pääkäyttäjä', role: 'admin', department: 'Tietohallinto', authSubject: 'dev:paakayttaja@omnia.fi', createdAt: now, updatedAt: now },
  ];
  await models.User.collection.insertMany([...managers, ...others], { ordered: false });
  const orgClasses: Types.ObjectId[] = [];
  const contactClasses: Types.ObjectId[] = [];
  for (const [appliesTo, branches, into] of [
    ['organization', { Toimiala: ['Rakentaminen', 'Sosiaali- ja terveysala', 'Logistiikka', 'Ravintola-ala', 'ICT', 'Teollisuus'], Koulutustarve: ['Johtaminen', 'Työturvallisuus', 'Kielikoulutus', 'Digitaidot'] }, orgClasses],
    ['contact', { Rooli: ['Päättäjä', 'Yhteyshenkilö', 'Laskutus'] }, contactClasses],
  ] as const) {
    for (const [parentName, children] of Object.entries(branches)) {
      const parent = { _id: new Types.ObjectId(), name: parentName, parentId: null, appliesTo, createdAt: now, updatedAt: now };
      const kids = (children as readonly string[]).map((name) => ({ _id: new Types.ObjectId(), name, parentId: parent._id, appliesTo, createdAt: now, updatedAt: now }));
      await models.ClassificationNode.collection.insertMany([parent, ...kids]);
      into.push(...kids.map((k) => k._id));
    }
  }

  // Who is in which segment decides how many contacts and actions each customer gets.
  const segments = Array.from({ length: scale.organizations }, () => pick(SEGMENT_MIX, rnd()));
  const contactCounts = apportion(segments.map((s) => CONTACT_WEIGHT[s] * (0.5 + rnd())), scale.contacts).map((n) => Math.max(n, 0));
  const actionCounts = apportion(segments.map((s) => ACTION_WEIGHT[s] * (0.5 + rnd())), scale.actions);

  const samples: Samples = { contactEmails: [], domainEmails: [], unknownEmails: [], loggedMails: [], managerEmails: managers.map((m) => m.email), organizationIds: [] };
  const sampleEvery = Math.max(1, Math.floor(scale.organizations / 5_000));
  let uniqueKeys = 0;
  let contactsWritten = 0;
  let actionsWritten = 0;
  let messageSeq = 0;
  const searchEntries: IndexedEntry[] = [];
  const createdAtOfRun = new Date(now.getTime() - DAY);
  const key = async (kind: string, value: string, ownerId: Types.ObjectId, organizationId: Types.ObjectId | null = null) => {
    uniqueKeys++;
    await writer.add('UniqueKey', { _id: keyId(kind as never, value), kind, ownerId, organizationId, claimedAt: createdAtOfRun });
  };

  for (let i = 0; i < scale.organizations; i++) {
    const segment = segments[i]!;
    const customerGroup = pick(GROUP_MIX, rnd());
    const _id = new Types.ObjectId();
    const part = NAME_PARTS[i % NAME_PARTS.length]!;
    const place = PLACES[Math.floor(i / NAME_PARTS.length) % PLACES.length]!;
    const form = FORMS[customerGroup][i % FORMS[customerGroup].length]!;
    const name = `${part} ${place} ${i} ${form}`;
    const domain = `${ascii(part)}-${ascii(place)}-${i}.fi`;
    const emailDomains = i % 10 === 0 ? [domain, `${ascii(part)}${i}.com`] : [domain];
    const createdAt = new Date(now.getTime() - (segment === 'P' ? rnd() * 120 * DAY : 30 * DAY + rnd() * (threeYears + 400 * DAY)));
    const responsible = managers[i % managers.length]!;
    const backup = i % 5 === 4 ? null : managers[(i + 7) % managers.length]!;
    const businessId = customerGroup === 'company' || customerGroup === 'apprenticeship' ? businessIdFor(i) : null;
    const externalIds: { top?: string; profinder?: string } = {};
    if (i % 2 === 0) externalIds.top = `TOP-${100_000 + i}`;
    if (i % 3 === 0) externalIds.profinder = `PF${500_000 + i}`;

    for (const d of emailDomains) await key('domain', d, _id);
    if (businessId) await key('businessId', businessId, _id);
    if (externalIds.top) await key('top', externalIds.top, _id);
    if (externalIds.profinder) await key('profinder', externalIds.profinder, _id);

    const contacts: { _id: Types.ObjectId; email: string }[] = [];
    for (let c = 0; c < contactCounts[i]!; c++) {
      const first = FIRST[(i + c * 3) % FIRST.length]!;
      const last = LAST[(i * 5 + c) % LAST.length]!;
      const email = `${ascii(first)}.${ascii(last)}.${c}@${domain}`;
      const emails = c % 10 === 9 ? [email, `${ascii(first)}${c}@${emailDomains[1] ?? domain}`] : [email];
      const cid = new Types.ObjectId();
      contacts.push({ _id: cid, email });
      for (const e of emails) await key('email', e, cid, _id);
      await writer.add('Contact', {
        _id: cid, organizationId: _id, name: `${first} ${last}`, nameLower: `${first} ${last}`.toLowerCase(), emails,
        phone: `+358 40 ${String(100 + (i % 900))} ${String(1000 + c)}`, title: TITLES[(i + c) % TITLES.length]!,
        classificationIds: c === 0 ? [contactClasses[i % contactClasses.length]!] : [], createdAt, updatedAt: createdAt,
      });
      contactsWritten++;
      if (opts.readModels) for (const w of contactSearchWords({ name: `${first} ${last}`, emails })) searchEntries.push({ w, o: String(_id), c: String(cid), n: name.toLowerCase(), s: segment });
    }

    const lastActionAt: Partial<Record<ActionKind, Date>> = {};
    let recent: RecentAction[] = [];
    /** The customer's timeline buckets' copies (an action without the mail's participants), by month. */
    const byMonth = new Map<string, RecentAction[]>();
    const since = Math.max(createdAt.getTime(), now.getTime() - threeYears);
    for (let a = 0; a < actionCounts[i]!; a++) {
      const kind = pick(KIND_MIX, rnd());
      const occurredAt = new Date(since + rnd() * (now.getTime() - since));
      const logger = a % 4 === 3 && backup ? backup : responsible;
      const contact = contacts.length ? contacts[a % contacts.length]! : null;
      const isMail = kind === 'email_in' || kind === 'email_out';
      const internetMessageId = isMail ? `<${(messageSeq++).toString(36)}.${i}@bench.asiakkuus.example>` : null;
      const from = kind === 'email_in' ? contact?.email ?? `info@${domain}` : logger.email;
      const to = kind === 'email_in' ? [logger.email] : [contact?.email ?? `info@${domain}`];
      const actionId = internetMessageId ? new Types.ObjectId(emailActionId(internetMessageId, String(_id))) : new Types.ObjectId();
      if (internetMessageId) {
        await writer.add('MailLog', {
          _id: mailLogId(internetMessageId), internetMessageId,
          customers: { [String(_id)]: { actionId, loggedBy: { id: logger._id, name: logger.name, email: logger.email }, loggedAt: occurredAt } },
        });
      }
      const action = {
        _id: actionId,
        kind, occurredAt, subject: SUBJECTS[(i + a) % SUBJECTS.length]!,
        excerpt: isMail ? 'Hei, kiitos viestistä. Palataan asiaan ensi viikolla koulutuksen aikataulun osalta.' : null,
        organizationId: _id, contactIds: contact ? [contact._id] : [],
        loggedBy: { id: logger._id, name: logger.name, email: logger.email }, loggedAt: occurredAt,
        internetMessageId, conversationId: internetMessageId ? `conv-${i}-${a % 7}` : null,
        ...(isMail ? { participants: { from, to, cc: [] } } : {}),
      };
      await writer.add('Action', action);
      if (opts.readModels) {
        const { participants: _participants, ...copy } = action as typeof action & { participants?: unknown };
        const month = monthOf(occurredAt);
        byMonth.set(month, [...(byMonth.get(month) ?? []), copy as unknown as RecentAction]);
      }
      if (recent.length < RECENT_ACTIONS || occurredAt > recent[recent.length - 1]!.occurredAt) recent = withRecent(recent, action as unknown as ActionDoc);
      actionsWritten++;
      const prev = lastActionAt[kind];
      if (!prev || prev < occurredAt) lastActionAt[kind] = occurredAt;
      if (kind === 'email_in' && contact && i % sampleEvery === 0 && samples.loggedMails.length < 5_000) {
        samples.loggedMails.push({ internetMessageId: internetMessageId!, from: contact.email, occurredAt: occurredAt.toISOString() });
      }
    }

    let readModels = {};
    if (opts.readModels) {
      // What timelineRepository.buildNew writes: one bucket per month, its copies newest first.
      for (const [month, list] of byMonth) {
        await writer.add('TimelineBucket', { _id: `${String(_id)}:${month}`, organizationId: _id, month, actions: list.sort(newerFirst), v: 1 });
      }
      const times = Object.values(lastActionAt).map(Number);
      readModels = { contactIds: contacts.map((c) => c._id), timelineMonths: [...byMonth.keys()], lastActionAny: times.length ? new Date(Math.max(...times)) : null };
      for (const w of customerSearchWords({ name, businessId, emailDomains })) searchEntries.push({ w, o: String(_id), c: null, n: name.toLowerCase(), s: segment });
    }
    await writer.add('Organization', {
      _id, name, nameLower: name.toLowerCase(), businessId, segment, customerGroup, emailDomains, department: responsible.department,
      responsibleId: responsible._id, backupId: backup?._id ?? null,
      classificationIds: [orgClasses[i % orgClasses.length]!, ...(i % 4 === 0 ? [orgClasses[(i + 3) % orgClasses.length]!] : [])],
      externalIds, lastActionAt, recentActions: recent, createdAt, updatedAt: createdAt, ...readModels,
    });

    if (i % sampleEvery === 0 && samples.contactEmails.length < 5_000) {
      if (contacts[0]) samples.contactEmails.push(contacts[contacts.length - 1]!.email);
      samples.domainEmails.push(`myynti${i}@${domain}`);
      samples.unknownEmails.push(i % 2 ? `${ascii(FIRST[i % FIRST.length]!)}${i}@gmail.com` : `info@tuntematon-${i}.fi`);
      samples.organizationIds.push(_id.toHexString());
    }
    if (i > 0 && i % 10_000 === 0) log(`  ${i} customers, ${contactsWritten} contacts, ${actionsWritten} actions queued (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await writer.finish();
  const inserted = Date.now();

  // Indexes after the bulk load: building them once is cheaper than keeping them up on every insert.
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
  const done = Date.now();

  return {
    counts: { organizations: scale.organizations, contacts: contactsWritten, actions: actionsWritten, uniqueKeys, users: managers.length + others.length },
    seconds: { insert: (inserted - started) / 1000, indexes: (done - inserted) / 1000, total: (done - started) / 1000 },
    samples,
    ...(opts.readModels ? { searchEntries } : {}),
  };
}

/** The desk scenarios' account manager and the customers on their desk. */
export interface DeskSample {
  managerEmail: string;
  /** A colleague who logs actions on those customers. */
  colleagueEmail: string;
  organizationIds: string[];
}

/**
 * Makes the first sample manager look after `size` customers (those the dataset gives them, topped
 * up as responsible; at most half the customers), as the desk scenarios need. Run after generateDataset.
 */
export async function prepareDeskSample(models: Models, samples: Samples, size = 300): Promise<DeskSample> {
  const managerEmail = samples.managerEmails[0]!;
  const colleagueEmail = samples.managerEmails[1] ?? managerEmail;
  const user = (await models.User.findOne({ email: managerEmail }, { _id: 1 }).lean())!;
  const mine = { $or: [{ responsibleId: user._id }, { backupId: user._id }] };
  const want = Math.min(size, Math.floor((await models.Organization.estimatedDocumentCount()) / 2));
  const have = await models.Organization.countDocuments(mine);
  if (have < want) {
    const extra = await models.Organization.find({ responsibleId: { $ne: user._id }, backupId: { $ne: user._id } }, { _id: 1 }).limit(want - have).lean();
    // One `_id` update each: the only filter the embedded engine serves from an index.
    for (const o of extra) await models.Organization.updateOne({ _id: o._id }, { $set: { responsibleId: user._id } });
  }
  const organizationIds = (await models.Organization.find(mine, { _id: 1 }).lean()).map((o) => String(o._id));
  return { managerEmail, colleagueEmail, organizationIds };
}
