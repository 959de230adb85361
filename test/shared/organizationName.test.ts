import { organizationNameKey } from '../../shared/domain/organizationName';

describe('likely-duplicate names', () => {
  it.each([
    ['Äänekosken Sähkö Oy', 'AANEKOSKEN SAHKO'],
    ['Rakennus-Virtanen Oy', 'rakennus virtanen'],
    ['  Kahvila   Åkerlund Ab ', 'kahvila akerlund'],
    ['Nordic Tools, Ltd.', 'NORDIC TOOLS INC'],
    ['Tmi Matti Meikäläinen', 'Matti Meikalainen'],
    ['Helsingin Urheiluseura ry', 'helsingin urheiluseura'],
  ])('%j is the same organisation as %j', (a, b) => {
    expect(organizationNameKey(a)).toBe(organizationNameKey(b));
    expect(organizationNameKey(a)).not.toBe('');
  });

  it('keeps names that differ in more than form apart', () => {
    expect(organizationNameKey('Äänekosken Sähkö Oy')).not.toBe(organizationNameKey('Äänekosken Vesi Oy'));
    expect(organizationNameKey('Oy Ab')).toBe('');
  });
});
