/**
 * Gone: the shared queries moved to the repositories (./repositories) and ./setup. This shim is
 * left only for ./rateLimits, which is being replaced on its own branch; delete it with that.
 */
export { isDuplicateKeyError } from './engine';
