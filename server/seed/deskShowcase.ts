/**
 * One more demo customer for the desktop's story, ADDED beside the demo (never part of
 * `seedDemo`, whose counts tests rely on): "Äänekosken Sähkö Oy" (0112038-9), a B company of
 * Aino Virtanen's with one call 250 days ago, so it is the most overdue customer on her desk, and
 * an open follow-up task on it due yesterday. Written through the repositories, as the demo is.
 */
import { addCalendarDays, calendarDay } from '../../shared/domain/zonedTime';
import { detectEngine } from '../persistence/engine';
import type { Models } from '../persistence/models';
import { createRepositories } from '../persistence/repositories';
import { customersChangedInBulk } from '../usecases/desk';
import { indexedContactWriter, indexedCustomerWriter } from '../usecases/customerReadModels';
import { recordHistory } from '../usecases/recordAction';

export const SHOWCASE = { name: 'Äänekosken Sähkö Oy', businessId: '0112038-9', domain: 'aanekoskensahko.fi', contact: 'Liisa Laine', task: 'Soita syksyn koulutuksista' };

export async function seedDeskShowcase(models: Models, now: Date): Promise<{ organizationId: string; taskId: string }> {
  const repos = createRepositories(models, await detectEngine(models.Organization.db));
  const aino = await repos.users.byEmail('aino.virtanen@omnia.fi');
  const mikko = await repos.users.byEmail('mikko.korhonen@omnia.fi');
  if (!aino || !mikko) throw new Error('seed the demo first: its account managers are missing');
  const id = repos.customers.newId();
  const cid = repos.contacts.newId();
  const createdAt = addCalendarDays(now, -400);
  const email = `liisa.laine@${SHOWCASE.domain}`;
  const refused = await repos.keys.claimMany([
    { ownerId: id, claim: { kind: 'domain', value: SHOWCASE.domain, field: 'domain' } },
    { ownerId: id, claim: { kind: 'businessId', value: SHOWCASE.businessId, field: 'businessId' } },
    { ownerId: cid, claim: { kind: 'email', value: email, field: 'email' }, organizationId: id },
  ], now);
  if (refused.length > 0) throw new Error('the showcase customer is there already');
  await indexedCustomerWriter(repos).insertMany([{
    id, name: SHOWCASE.name, businessId: SHOWCASE.businessId, segment: 'B', customerGroup: 'company', emailDomains: [SHOWCASE.domain],
    department: aino.department, responsibleId: aino.id, backupId: mikko.id, classificationIds: [], externalIds: {}, createdAt,
  }]);
  await indexedContactWriter(repos).insertMany([{ id: cid, organizationId: id, name: SHOWCASE.contact, emails: [email], phone: null, title: 'Koulutuspäällikkö', classificationIds: [], createdAt }]);
  const occurredAt = addCalendarDays(now, -250);
  const ref = { id: aino.id, name: aino.name, email: aino.email };
  const actions = [{
    id: repos.actions.newId(), kind: 'call' as const, occurredAt, subject: 'Koulutustarpeet', excerpt: null, organizationId: id,
    contactIds: [cid], loggedBy: ref, loggedAt: occurredAt, internetMessageId: null, conversationId: null,
  }];
  await repos.actions.insertMany(actions);
  await recordHistory(repos, id, actions);
  const yesterday = calendarDay(addCalendarDays(now, -1));
  const task = await repos.tasks.insert({
    id: repos.tasks.newId(), title: SHOWCASE.task, note: null, organizationId: id, organizationName: SHOWCASE.name,
    contactIds: [cid], dueOn: yesterday, assignee: ref, createdBy: ref,
  });
  await repos.tasks.syncLists(null, task);
  await customersChangedInBulk(repos, { ids: [id] });
  return { organizationId: id, taskId: task.id };
}
