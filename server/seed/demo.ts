/**
 * A realistic demo for an empty database: about 30 Finnish customers across every customer
 * group and segment, their contacts, a few users, a classification tree, and a year of
 * actions spread so that every care-plan status occurs. Deterministic: the same every time.
 */
import { Types } from 'mongoose';
import { businessIdCheckDigit } from '../../shared/domain/businessId';
import { addCalendarDays } from '../../shared/domain/zonedTime';
import type { ActionKind, CustomerGroup, Segment } from '../../shared/domain/codes';
import type { ActionDoc, Models } from '../persistence/models';
import { keyId, withRecent, type RecentAction } from '../persistence/store';

const USERS = [
  { name: 'Aino Virtanen', email: 'aino.virtanen@omnia.fi', role: 'account_manager', department: 'Yrityspalvelut' },
  { name: 'Mikko Korhonen', email: 'mikko.korhonen@omnia.fi', role: 'account_manager', department: 'Yrityspalvelut' },
  { name: 'Sanna Mäkinen', email: 'sanna.makinen@omnia.fi', role: 'account_manager', department: 'Työvoimakoulutus' },
  { name: 'Jussi Nieminen', email: 'jussi.nieminen@omnia.fi', role: 'account_manager', department: 'Oppisopimus' },
  { name: 'Leena Hämäläinen', email: 'leena.hamalainen@omnia.fi', role: 'management', department: 'Johto' },
  { name: 'Pääkäyttäjä Admin', email: 'admin@omnia.fi', role: 'admin', department: 'Tietohallinto' },
] as const;

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

export async function seedDemo(models: Models, now: Date): Promise<{ organizations: number; contacts: number; actions: number } | null> {
  if ((await models.Organization.estimatedDocumentCount()) > 0) return null;

  const users = USERS.map((u) => ({ _id: new Types.ObjectId(), ...u, authSubject: `dev:${u.email}` }));
  for (const u of users) {
    await models.User.updateOne({ authSubject: u.authSubject }, { $setOnInsert: u }, { upsert: true });
  }
  const stored = await models.User.find({ authSubject: { $in: users.map((u) => u.authSubject) } }).lean();
  const managers = stored.filter((u) => u.role === 'account_manager');

  const tree = [
    { name: 'Toimiala', children: ['Rakentaminen', 'Sosiaali- ja terveysala', 'Logistiikka', 'Ravintola-ala', 'ICT'] },
    { name: 'Koulutustarve', children: ['Johtaminen', 'Työturvallisuus', 'Kielikoulutus'] },
  ];
  const leaves: Types.ObjectId[] = [];
  for (const branch of tree) {
    const parent = await models.ClassificationNode.create({ name: branch.name, appliesTo: 'organization' });
    for (const child of branch.children) {
      leaves.push((await models.ClassificationNode.create({ name: child, parentId: parent._id, appliesTo: 'organization' }))._id);
    }
  }
  const decisionMaker = await models.ClassificationNode.create({ name: 'Päättäjä', appliesTo: 'contact' });

  const orgDocs = [];
  const contactDocs = [];
  const actionDocs = [];
  const keys: { _id: string; kind: string; ownerId: Types.ObjectId }[] = [];
  const statuses = ['on_track', 'due_soon', 'overdue'] as const;

  for (const [i, [name, domain, segment, customerGroup]] of ORGS.entries()) {
    const _id = new Types.ObjectId();
    const responsible = managers[i % managers.length]!;
    const backup = managers[(i + 1) % managers.length]!;
    const businessId = businessIdFor(i + 1);
    const createdAt = segment === 'P' ? addCalendarDays(now, -(5 + (i % 3) * 10)) : addCalendarDays(now, -400 - i);
    const org = {
      _id, name, nameLower: name.toLowerCase(), businessId, segment, customerGroup, emailDomains: [domain],
      department: responsible.department, responsibleId: responsible._id, backupId: backup._id,
      classificationIds: [leaves[i % leaves.length]!, leaves[(i + 5) % leaves.length]!],
      externalIds: { top: `TOP-${10_000 + i}`, ...(i % 2 === 0 ? { profinder: `PF${200_000 + i * 13}` } : {}) },
      lastActionAt: {} as Partial<Record<ActionKind, Date>>,
      recentActions: [] as RecentAction[],
      createdAt, updatedAt: createdAt,
    };
    keys.push({ _id: keyId('domain', domain), kind: 'domain', ownerId: _id }, { _id: keyId('businessId', businessId), kind: 'businessId', ownerId: _id });
    keys.push({ _id: keyId('top', org.externalIds.top), kind: 'top', ownerId: _id });
    if (org.externalIds.profinder) keys.push({ _id: keyId('profinder', org.externalIds.profinder), kind: 'profinder', ownerId: _id });

    const contactIds: Types.ObjectId[] = [];
    for (let c = 0; c < 1 + (i % 3); c++) {
      const first = FIRST[(i * 3 + c) % FIRST.length]!;
      const last = LAST[(i * 5 + c * 7) % LAST.length]!;
      const email = `${ascii(first)}.${ascii(last)}@${domain}`;
      const cid = new Types.ObjectId();
      contactIds.push(cid);
      contactDocs.push({
        _id: cid, organizationId: _id, name: `${first} ${last}`, nameLower: `${first} ${last}`.toLowerCase(), emails: [email],
        phone: `+358 40 ${String(1_000_000 + i * 1000 + c * 37).slice(1, 4)} ${String(1000 + i * 17 + c).slice(0, 4)}`,
        title: TITLES[(i + c) % TITLES.length]!, classificationIds: c === 0 ? [decisionMaker._id] : [], createdAt, updatedAt: createdAt,
      });
      keys.push({ _id: keyId('email', email), kind: 'email', ownerId: cid });
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
    let recent: RecentAction[] = [];
    for (const [n, h] of history.entries()) {
      const occurredAt = addCalendarDays(now, -h.daysAgo);
      const logger = stored.find((u) => u._id.equals(n % 4 === 3 ? backup._id : responsible._id))!;
      const action = {
        _id: new Types.ObjectId(), kind: h.kind, occurredAt, subject: SUBJECTS[(i + n) % SUBJECTS.length]!, excerpt: null, organizationId: _id,
        contactIds: [contactIds[n % contactIds.length]!], loggedBy: { id: logger._id, name: logger.name, email: logger.email },
        loggedAt: occurredAt, internetMessageId: null, conversationId: null,
      };
      actionDocs.push(action);
      recent = withRecent(recent, action as ActionDoc);
      const prev = org.lastActionAt[h.kind];
      if (!prev || prev < occurredAt) org.lastActionAt[h.kind] = occurredAt;
    }
    org.recentActions = recent;
    orgDocs.push(org);
  }

  await models.UniqueKey.insertMany(keys, { ordered: false });
  await models.Organization.insertMany(orgDocs, { ordered: false });
  await models.Contact.insertMany(contactDocs, { ordered: false });
  await models.Action.insertMany(actionDocs, { ordered: false });
  return { organizations: orgDocs.length, contacts: contactDocs.length, actions: actionDocs.length };
}
