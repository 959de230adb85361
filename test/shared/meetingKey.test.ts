import { meetingKey, meetingStartMinute, normaliseMeetingSubject } from '../../shared/domain/meetingKey';

const base = { organizer: 'Aino.Virtanen@Omnia.fi', start: '2026-03-12T10:00:00+02:00', subject: 'Koulutussuunnitelma 2027' };

describe('the meeting key', () => {
  test('is the same for every copy of the meeting: the address in any case, the start in any zone or with seconds, the subject in any case and spacing', () => {
    const key = meetingKey(base);
    expect(key).toBe('aino.virtanen@omnia.fi|2026-03-12T08:00Z|koulutussuunnitelma 2027');
    expect(meetingKey({ organizer: ' aino.virtanen@omnia.fi ', start: new Date('2026-03-12T08:00:42.000Z'), subject: '  KOULUTUSSUUNNITELMA\t2027 ' })).toBe(key);
  });

  test('two occurrences of a series (each its own start) and two subjects are different meetings', () => {
    expect(meetingKey({ ...base, start: '2026-03-19T10:00:00+02:00' })).not.toBe(meetingKey(base));
    expect(meetingKey({ ...base, subject: 'Vuosisuunnittelu' })).not.toBe(meetingKey(base));
    expect(meetingKey({ ...base, organizer: 'mikko.korhonen@omnia.fi' })).not.toBe(meetingKey(base));
  });

  test('a subject in composed and decomposed Unicode (ä typed either way) is one subject', () => {
    expect(normaliseMeetingSubject('Tapaaminen Äänekoskella')).toBe(normaliseMeetingSubject('Tapaaminen A\u0308a\u0308nekoskella'));
  });

  test('no key without a usable organizer address or start', () => {
    expect(meetingKey({ ...base, organizer: 'not an address' })).toBeNull();
    expect(meetingKey({ ...base, start: 'tomorrow' })).toBeNull();
    expect(meetingStartMinute('2026-03-12T08:00:59.999Z')).toBe('2026-03-12T08:00Z');
  });
});
