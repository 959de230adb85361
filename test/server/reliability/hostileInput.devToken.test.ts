/** Bad input at volume: development sign-in (see hostileInputSuite.ts). */
import { hostileInputSuite } from './hostileInputSuite';

jest.setTimeout(60_000);

describe('hostile input at volume: development sign-in', () => {
  hostileInputSuite(['POST /dev/token']);
});
