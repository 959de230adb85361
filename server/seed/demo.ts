/**
 * A realistic demo for an empty database: about 30 Finnish customers across every customer
 * group and segment, their contacts, a few users, a classification tree, and a year of
 * actions spread so that every care-plan status occurs. Deterministic: the same every time.
 *
 * Everything is written through the repositories, as the app writes it: the unique keys first
 * (addresses naming their contact's customer, every key with its claim time), then the records,
 * then the actions, then each customer's computed fields (newest action per kind, the newest
 * actions) from its actions.
 */
import { businessIdCheckDigit } from '../../shared/domain/businessId';
import { addCalendarDays, calendarDay } from '../../shared/domain/zonedTime';
import type { ActionKind, CustomerGroup, Segment } from '../../shared/domain/codes';
import { detectEngine } from '../persistence/engine';
import { mapLimit } from '../concurrency';
import { recordHistory } from '../usecases/recordAction';
import { customersChangedInBulk } from '../usecases/desk';
import { contactsAdded, customersAdded } from '../usecases/customerReadModels';
import type { Models } from '../persistence/models';
import {
  createRepositories, type ActionRecord, type KeyClaim, type NewContact, type NewCustomer, type Repositories, type SelectionRecord, type UserRecord,
} from '../persistence/repositories';
import { seedCampaign } from './campaigns';
import { seedFeedback } from './feedback';
import { seedOpportunities, seedProducts } from './sales';

const USERS = [
  { name: 'Aino Virtanen', email: 'aino.virtanen@omnia.fi', role: 'account_manager', department: 'Yrityspalvelut' },
  { name: 'Mikko Korhonen', email: 'mikko.korhonen@omnia.fi', role: 'account_manager', department: 'Yrityspalvelut' },
  { name: 'Sanna Mäkinen', email: 'sanna.makinen@omnia.fi', role: 'account_manager', department: 'Työvoimakoulutus' },
  { name: 'Jussi Nieminen', email: 'jussi.nieminen@omnia.fi', role: 'account_manager', department: 'Oppisopimus' },
  { name: 'Leena Hämäläinen', email: 'leena.hamalainen@omnia.fi', role: 'management', department: 'Johto' },
  { name: 'Pääkäyttäjä Admin', email: 'admin@omnia.fi', role: 'admin', department: 'Tietohallinto' },
] as const;

/** The follow-up tasks each demo account manager has open: title, due in days (negative: overdue). */
const TASKS: ReadonlyArray<[title: string, dueInDays: number]> = [
  ['Soita tarjouksen perään', -3],
  ['Lähetä syksyn koulutuskalenteri', 0],
  ['Sovi vuosisuunnittelupalaveri', 7],
];

const ORGS: ReadonlyArray<[name: string, domain: string, segment: Segment, group: CustomerGroup]> = [
  ['Rakennus Oy Kivijalka', 'kivijalka.fi', 'A', 'company'],
  ['Espoon Sähkö ja Automaatio Oy', 'esa-automaatio.fi', 'A', 'company'],
  ['Länsi-Uudenmaan Logistiikka Oy', 'lu-logistiikka.fi', 'A', 'company'],
  ['Hoivakoti Päivänsäde Oy', 'paivansade.fi', 'A', 'company'],
  ['Kauniaisten kaupunki', 'kauniainen.fi', 'A', 'public'],
  ['Uudenmaan TE-toimisto', 'te-uusimaa.fi', 'A', 'employment_office'],
  ['Metsätalo Ab', 'metsatalo.fi', 'B', 'company'],
  ['Kahvila Pulla & Kuppi', 'pullajakuppi.fi', 'B', 'company'],
  ['Ravintola Särö Oy', 'saro.fi', 'B', 'company'],
  ['Kirkkonummen kunta', 'kirkkonummi.fi', 'B', 'public'],
  ['Lohjan TE-palvelut', 'te-lohja.fi', 'B', 'employment_office'],
  ['Autokorjaamo Öljynvaihto Oy', 'oljynvaihto.fi', 'B', 'apprenticeship'],
  ['Kiinteistöhuolto Siisti Oy', 'siisti.fi', 'B', 'apprenticeship'],
  ['Helsingin ammattikorkeakoulu', 'hamk-esim.fi', 'B', 'partner'],
  ['Puutyö Veistämö Oy', 'veistamo.fi', 'C', 'company'],
  ['Kampaamo Kähärä', 'kahara.fi', 'C', 'company'],
  ['Vihdin kunta', 'vihti-esim.fi', 'C', 'public'],
  ['Siivouspalvelu Kiilto Oy', 'kiilto-siivous.fi', 'C', 'apprenticeship'],
  ['Painotalo Värisävy Oy', 'varisavy.fi', 'C', 'company'],
  ['Keski-Uudenmaan koulutuskuntayhtymä', 'keuda-esim.fi', 'C', 'partner'],
  ['Ohjelmistotalo Koodiäly Oy', 'koodialy.fi', 'P', 'company'],
  ['Aurinkopaneeli Suomi Oy', 'aurinkopaneeli.fi', 'P', 'company'],
  ['Vantaan TE-asiakaspalvelu', 'te-vantaa.fi', 'P', 'employment_office'],
  ['Hyvinvointialue Länsi-Uusimaa', 'lansiuusimaa-esim.fi', 'P', 'public'],
  ['Kuljetus Pyörä ja Pakki Oy', 'pyorajapakki.fi', 'P', 'apprenticeship'],
  ['Åbo Yrkesinstitut', 'aboyrkes-esim.fi', 'P', 'partner'],
  ['Maalausliike Sävy & Pinta Oy', 'savyjapinta.fi', 'A', 'apprenticeship'],
  ['Espoon seurakuntayhtymä', 'espoonsrk-esim.fi', 'B', 'public'],
  ['Konepaja Terästö Oy', 'terasto.fi', 'C', 'company'],
  ['Kouvolan Vesi Oy', 'kouvolanvesi-esim.fi', 'A', 'company'],
];

const FIRST = ['Matti', 'Päivi', 'Jari', 'Tiina', 'Kari', 'Satu', 'Heikki', 'Minna', 'Timo', 'Riikka', 'Antti', 'Hanna', 'Pekka', 'Johanna', 'Väinö', 'Åsa'];
const LAST = ['Lahtinen', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Saarinen', 'Salminen', 'Laine', 'Hölttä', 'Björklund', 'Räsänen', 'Kärkkäinen'];
const TITLES = ['Henkilöstöpäällikkö', 'Toimitusjohtaja', 'Koulutuskoordinaattori', 'HR-asiantuntija', 'Työnjohtaja', 'Kehityspäällikkö', 'Palvelupäällikkö'];
const SUBJECTS = [
  'Työturvallisuuskorttikoulutus syksyllä', 'Oppisopimuskoulutuksen aloitus', 'Tarjous: johtamisen erikoisammattitutkinto',
  'Henkilöstön osaamiskartoitus', 'Rekrytointikoulutus – tilannekatsaus', 'Vuosisuunnittelupalaveri', 'Hygieniapassikoulutus ryhmälle',
];
const CADENCE: Record<Segment, number> = { A: 30, B: 60, C: 180, P: 30 };

/** ä → a, ö → o, å → a: how Finnish names become email addresses. */
const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '.');

function businessIdFor(n: number): string {
  for (let base = 1_000_000 + n * 7919; ; base++) {
    const digits = String(base).padStart(7, '0');
    const check = businessIdCheckDigit(digits);
    if (check !== null) return `${digits}-${check}`;
  }
}

/** Seeds the demo into a database without customers (null when it has some). */
/**
 * Selections to start from: a shared dynamic one (key customers quiet for 60 days, found again
 * whenever it is opened) and the first manager's frozen call list of their own customers.
 */
async function seedSelections(repos: Repositories, owner: UserRecord, customers: readonly NewCustomer[], now: Date): Promise<SelectionRecord> {
  const ref = { id: owner.id, name: owner.name, email: owner.email };
  const quietSince = calendarDay(addCalendarDays(now, -60));
  await repos.selections.insert(repos.selections.newId(), {
    name: 'Avainasiakkaat ilman toimenpiteitä 60 päivään', owner: ref, shared: true, kind: 'dynamic', criteria: { segment: 'A', noActionSince: quietSince },
  }, null);
  const mine = customers.filter((c) => c.responsibleId === owner.id).map((c) => c.id);
  return repos.selections.insert(repos.selections.newId(), {
    name: 'Kevään soittokierros', owner: ref, shared: false, kind: 'static', criteria: { managerId: owner.id },
  }, mine);
}

export async function seedDemo(models: Models, now: Date): Promise<{ organizations: number; contacts: number; actions: number; tasks: number } | null> {
  return seedDemoInto(createRepositories(models, await detectEngine(models.Organization.db)), now);
}

async function seedDemoInto(repos: Repositories, now: Date): Promise<{ organizations: number; contacts: number; actions: number; tasks: number } | null> {
  if ((await repos.customers.estimatedCount()) > 0) return null;

  const stored: UserRecord[] = [];
  for (const u of USERS) {
    const user = (await repos.users.create({ ...u, authSubject: `dev:${u.email}` })) ?? (await repos.users.byEmail(u.email));
    if (!user) throw new Error(`the demo user ${u.email} could be neither created nor found`);
    stored.push(user);
  }
  const managers = stored.filter((u) => u.role === 'account_manager');

  const tree = [
    { name: 'Toimiala', children: ['Rakentaminen', 'Sosiaali- ja terveysala', 'Logistiikka', 'Ravintola-ala', 'ICT'] },
    { name: 'Koulutustarve', children: ['Johtaminen', 'Työturvallisuus', 'Kielikoulutus'] },
  ];
  const leaves: string[] = [];
  for (const branch of tree) {
    const parent = await repos.classifications.create({ name: branch.name, parentId: null, appliesTo: 'organization' });
    for (const child of branch.children) {
      leaves.push((await repos.classifications.create({ name: child, parentId: parent.id, appliesTo: 'organization' })).id);
    }
  }
  const decisionMaker = await repos.classifications.create({ name: 'Päättäjä', parentId: null, appliesTo: 'contact' });

  const customers: NewCustomer[] = [];
  const contacts: NewContact[] = [];
  const actions: ActionRecord[] = [];
  const keys: { ownerId: string; claim: KeyClaim; organizationId?: string }[] = [];
  const key = (ownerId: string, kind: KeyClaim['kind'], value: string, organizationId?: string) =>
    keys.push({ ownerId, claim: { kind, value, field: kind }, organizationId });
  const statuses = ['on_track', 'due_soon', 'overdue'] as const;

  for (const [i, [name, domain, segment, customerGroup]] of ORGS.entries()) {
    const id = repos.customers.newId();
    const responsible = managers[i % managers.length]!;
    const backup = managers[(i + 1) % managers.length]!;
    const businessId = businessIdFor(i + 1);
    const createdAt = segment === 'P' ? addCalendarDays(now, -(5 + (i % 3) * 10)) : addCalendarDays(now, -400 - i);
    const externalIds = { top: `TOP-${10_000 + i}`, ...(i % 2 === 0 ? { profinder: `PF${200_000 + i * 13}` } : {}) };
    customers.push({
      id, name, businessId, segment, customerGroup, emailDomains: [domain],
      department: responsible.department, responsibleId: responsible.id, backupId: backup.id,
      classificationIds: [leaves[i % leaves.length]!, leaves[(i + 5) % leaves.length]!],
      externalIds, createdAt,
    });
    key(id, 'domain', domain);
    key(id, 'businessId', businessId);
    key(id, 'top', externalIds.top);
    if (externalIds.profinder) key(id, 'profinder', externalIds.profinder);

    const contactIds: string[] = [];
    for (let c = 0; c < 1 + (i % 3); c++) {
      const first = FIRST[(i * 3 + c) % FIRST.length]!;
      const last = LAST[(i * 5 + c * 7) % LAST.length]!;
      const email = `${ascii(first)}.${ascii(last)}@${domain}`;
      const cid = repos.contacts.newId();
      contactIds.push(cid);
      contacts.push({
        id: cid, organizationId: id, name: `${first} ${last}`, emails: [email],
        phone: `+358 40 ${String(1_000_000 + i * 1000 + c * 37).slice(1, 4)} ${String(1000 + i * 17 + c).slice(0, 4)}`,
        title: TITLES[(i + c) % TITLES.length]!, classificationIds: c === 0 ? [decisionMaker.id] : [], createdAt,
      });
      key(cid, 'email', email, id);
    }

    // History over the year, then the newest contact placed so that this customer's status is on track, due soon or overdue.
    const target = statuses[i % 3]!;
    const cadence = CADENCE[segment];
    const newestAgo = segment === 'P' && i % 3 !== 2 ? null : target === 'on_track' ? 3 : target === 'due_soon' ? cadence - 3 : cadence + 12;
    const history: { kind: ActionKind; daysAgo: number }[] = [];
    if (segment !== 'P') {
      for (let d = newestAgo! + 20 + (i % 7); d < 365; d += 25 + ((i * 11) % 40)) {
        history.push({ kind: (['email_in', 'email_out', 'call', 'meeting', 'offer'] as const)[(d + i) % 5]!, daysAgo: d });
      }
      if (segment === 'A') history.push({ kind: 'review', daysAgo: target === 'overdue' ? 380 : 200 }, { kind: 'meeting', daysAgo: target === 'overdue' ? 100 : 40 });
    }
    if (newestAgo !== null) history.push({ kind: i % 2 ? 'email_in' : 'call', daysAgo: newestAgo });
    for (const [n, h] of history.entries()) {
      const occurredAt = addCalendarDays(now, -h.daysAgo);
      const logger = n % 4 === 3 ? backup : responsible;
      actions.push({
        id: repos.actions.newId(), kind: h.kind, occurredAt, subject: SUBJECTS[(i + n) % SUBJECTS.length]!, excerpt: null, organizationId: id,
        contactIds: [contactIds[n % contactIds.length]!], loggedBy: { id: logger.id, name: logger.name, email: logger.email },
        loggedAt: occurredAt, internetMessageId: null, conversationId: null,
      });
    }
  }

  const refused = await repos.keys.claimMany(keys, now);
  if (refused.length > 0) throw new Error(`the demo's keys ${refused.map((i) => `${keys[i]!.claim.kind}:${keys[i]!.claim.value}`).join(', ')} belong to other records`);
  await repos.customers.insertMany(customers);
  await customersAdded(repos, customers);
  await repos.contacts.insertMany(contacts);
  await contactsAdded(repos, contacts);
  await repos.actions.insertMany(actions);
  await mapLimit(customers, 4, (c) => recordHistory(repos, c.id, actions.filter((a) => a.organizationId === c.id)));

  // Follow-up tasks on each account manager's desk: one overdue, one due today, one next week, on customers they look after.
  const day = (daysFromNow: number) => calendarDay(addCalendarDays(now, daysFromNow));
  let tasks = 0;
  for (const [m, manager] of managers.entries()) {
    const theirs = customers.filter((c) => c.responsibleId === manager.id);
    for (const [n, [title, dueIn]] of TASKS.entries()) {
      const customer = theirs[(m + n) % theirs.length];
      if (!customer) continue;
      const ref = { id: manager.id, name: manager.name, email: manager.email };
      const task = await repos.tasks.insert({
        id: repos.tasks.newId(), title, note: null, organizationId: customer.id, organizationName: customer.name,
        contactIds: contacts.filter((c) => c.organizationId === customer.id).slice(0, 1).map((c) => c.id),
        dueOn: day(dueIn), assignee: ref, createdBy: ref,
      });
      await repos.tasks.syncLists(null, task);
      tasks++;
    }
  }
  await seedProducts(repos, now);
  await seedOpportunities(repos, managers, customers, now);
  const callList = await seedSelections(repos, managers[0]!, customers, now);
  await seedCampaign(repos, managers[0]!, callList.id, customers, contacts, now);
  await seedFeedback(repos, managers[0]!, customers, contacts, now);
  await customersChangedInBulk(repos, 'all');
  return { organizations: customers.length, contacts: contacts.length, actions: actions.length, tasks };
}
