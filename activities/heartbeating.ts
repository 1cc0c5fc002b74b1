import { Context } from '@temporalio/activity';

/**
 * Keeps an activity's heartbeat going while it waits on another workflow or on a batch of renders (a dead worker is
 * noticed in 30 s).
 */
export async function heartbeating<T>(work: Promise<T>): Promise<T> {
  const timer = setInterval(() => Context.current().heartbeat(), 5_000);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
