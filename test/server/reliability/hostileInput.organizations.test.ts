/** Bad input at volume: customers (see hostileInputSuite.ts). */
import { hostileInputSuite } from './hostileInputSuite';

jest.setTimeout(60_000);

describe('hostile input at volume: customers', () => {
  hostileInputSuite(['POST /api/v1/organizations', 'PATCH /api/v1/organizations/:id'], { pathIds: true });
});
