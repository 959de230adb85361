/** Bad input at volume: contacts (see hostileInputSuite.ts). */
import { hostileInputSuite } from './hostileInputSuite';

jest.setTimeout(60_000);

describe('hostile input at volume: contacts', () => {
  hostileInputSuite(['POST /api/v1/contacts', 'PATCH /api/v1/contacts/:id']);
});
