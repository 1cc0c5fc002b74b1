/** Rendering is CPU-bound and gets its own queue so its concurrency can stay near the core count. */
/** Email has its own queue so its rate limit (Resend allows 2 requests a second by default) holds across workers. */
export const taskQueues = { credentials: 'credentials', render: 'credentials-render', email: 'credentials-email' } as const;
