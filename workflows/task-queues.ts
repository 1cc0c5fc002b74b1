/** Rendering is CPU-bound and gets its own queue so its concurrency can stay near the core count. */
export const taskQueues = { credentials: 'credentials', render: 'credentials-render' } as const;
