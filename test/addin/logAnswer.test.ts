import type { LogEmailResponse } from '../../shared/contract';
import { withLogAnswer } from '../../addin/src/mail/logAnswer';
import { action, carePlan, domainMatch, knownContact, loggedEntry, lookupOf, organization, unknown } from './support/fixtures';

describe('what a log\'s answer changes in the lookup the pane holds', () => {
  const firma = organization({ name: 'Firma Oy' });
  const kunta = organization({ name: 'Kaupunki' });
  const older = action({ organizationId: firma.id, subject: 'Older' });
  const data = lookupOf([
    knownContact('matti@firma.fi', 'Matti', firma, { carePlan: carePlan('overdue'), recentActions: [older] }),
    domainMatch('info@firma.fi', firma),
    knownContact('liisa@kaupunki.fi', 'Liisa', kunta, { carePlan: carePlan('due_soon') }),
    unknown('someone@gmail.com'),
  ]);
  const logged = action({ organizationId: firma.id, subject: 'Tarjous' });
  const answer: LogEmailResponse = { action: logged, created: true, carePlan: carePlan('on_track') };

  test('everyone at the logged customer gets its new care plan and the action first among its recent actions; other customers are untouched', () => {
    const next = withLogAnswer(data, answer);

    expect(next.people.map((p) => p.carePlan?.overall ?? null)).toEqual(['on_track', 'on_track', 'due_soon', null]);
    expect(next.people[0]!.recentActions).toEqual([logged, older]);
    expect(next.people[1]!.recentActions).toEqual([logged]);
    expect(next.people[2]).toBe(data.people[2]);
    expect(next.logged).toEqual([expect.objectContaining({ actionId: logged.id, organizationId: firma.id, organizationName: 'Firma Oy' })]);
  });

  test('an answer the pane already has (a repeated log) adds nothing twice', () => {
    const once = withLogAnswer(data, answer);
    const twice = withLogAnswer(once, { ...answer, created: false });

    expect(twice.people[0]!.recentActions).toEqual([logged, older]);
    expect(twice.logged).toHaveLength(1);
  });

  test('a customer whose segment has no care plan keeps saying so', () => {
    const next = withLogAnswer(lookupOf([knownContact('matti@firma.fi', 'Matti', firma)], [loggedEntry(kunta)]), { ...answer, carePlan: null });

    expect(next.people[0]!.carePlan).toBeNull();
    expect(next.logged).toHaveLength(2);
  });
});
