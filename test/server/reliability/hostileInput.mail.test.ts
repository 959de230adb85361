/** Bad input at volume: logging mail and manual actions (see hostileInputSuite.ts). */
import { hostileInputSuite } from './hostileInputSuite';

jest.setTimeout(60_000);

describe('hostile input at volume: logging mail and manual actions', () => {
  hostileInputSuite(['POST /api/v1/actions/email', 'POST /api/v1/actions']);
});
