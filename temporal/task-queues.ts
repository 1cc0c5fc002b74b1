/** Rendering is CPU-bound and gets its own queue so its concurrency can stay near the core count. */
/**
 * Email has its own queue so its rate limit (Resend allows 2 requests a second by default) holds across workers. Bulk
 * steps wait on credential workflows, so they have their own slots: sharing the credentials queue's slots, waiting
 * steps could take every slot the credential workflows' own activities need.
 */
export const taskQueues = {
  credentials: 'credentials',
  render: 'credentials-render',
  email: 'credentials-email',
  bulk: 'credentials-bulk',
} as const;
