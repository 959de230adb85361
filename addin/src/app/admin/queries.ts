/**
 * The Administration section's TanStack Query keys, in one place so that a write invalidates every
 * query it changes: a hand-over or a merge changes the dashboard's counts; a role change or a new
 * user changes both user lists (the admin table and the managers the pickers offer).
 */
export const ADMIN_KEYS = {
  /** GET /users with admin fields (role, signed in): the Users & roles table. */
  users: ['admin', 'users'] as const,
  /** GET /users as people to choose (hand-over, responsible managers). */
  people: ['admin', 'people'] as const,
  classifications: ['admin', 'classifications'] as const,
  /** GET /products: the training-product catalogue. */
  products: ['admin', 'products'] as const,
  merges: ['admin', 'merges'] as const,
  /** GET /conversations: the tracked conversations. */
  conversations: ['admin', 'conversations'] as const,
  /** Prefix of every dashboard query (the dashboard's 12 weeks, the care-plan page's status counts). */
  dashboard: ['admin', 'dashboard'] as const,
};
