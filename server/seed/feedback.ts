/**
 * The demo's feedback: one NPS survey of the college, sent to a dozen contacts of established
 * customers (never potential ones, whose follow-up rule any action would satisfy) and answered over
 * the last five months, so the dashboard's NPS per segment and customer group has a history and
 * customer pages and the pane's card show a score. Answers go through the same use case as the
 * public page, so they are actions with their scores like any other answer.
 */
import { addCalendarDays } from '../../shared/domain/zonedTime';
import type { NewContact, NewCustomer, Repositories, UserRecord } from '../persistence/repositories';
import { submitAnswer } from '../usecases/feedback';
import { defaultQuestions } from '../../shared/domain/feedback';
import { invitationId } from '../persistence/repositories';

const SCORES = [10, 9, 7, 10, 6, 9, 8, 10, 3, 9, 10, 8];
const COMMENTS: Record<number, string> = {
  0: 'Kouluttajat tunsivat alan ja järjestelyt toimivat.',
  4: 'Laskutus oli sekava, muuten hyvä.',
  8: 'Aikataulu muuttui kahdesti lyhyellä varoitusajalla.',
};

export async function seedFeedback(repos: Repositories, owner: UserRecord, customers: readonly NewCustomer[], contacts: readonly NewContact[], now: Date): Promise<number> {
  const ref = { id: owner.id, name: owner.name, email: owner.email };
  const survey = await repos.surveys.insert(repos.surveys.newId(), {
    name: 'Asiakastyytyväisyys 2026',
    title: { fi: 'Asiakastyytyväisyys 2026', sv: 'Kundnöjdhet 2026', en: 'Customer satisfaction 2026' }, type: 'nps', questions: defaultQuestions('nps'), owner: ref, closesOn: null,
  });
  const established = new Set(customers.filter((c) => c.segment !== 'P').map((c) => c.id));
  const invited = contacts.filter((c) => established.has(c.organizationId)).filter((_, n) => n % 2 === 0).slice(0, SCORES.length);
  await repos.invitations.insertMany(invited.map((c) => ({
    surveyId: survey.id, surveyType: 'nps' as const, organizationId: c.organizationId, contactId: c.id, language: 'fi' as const,
    expiresAt: addCalendarDays(now, 90), invitedBy: ref,
  })));
  await repos.surveys.count(survey.id, { invitations: invited.length });
  const settings = { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' };
  for (const [n, contact] of invited.entries()) {
    const invitation = (await repos.invitations.get(invitationId(survey.id, contact.id)))!;
    // answers spread over five months, each month a mix of segments and groups
    const at = addCalendarDays(now, -Math.round((((n * 5) % invited.length) * 150) / invited.length) - 1);
    const answers = { score: SCORES[n]!, ...(COMMENTS[n] ? { comment: COMMENTS[n] } : {}) };
    await submitAnswer({ repos, settings, now: at }, { state: 'open', invitation, survey, firstName: '', contactName: '', customerName: '' }, answers);
  }
  return invited.length;
}
