/** Temporary node users live 1 hour by default and 24 at most: long enough to debug, short enough to forget safely. */
export const DEFAULT_EXPIRY_HOURS = 1;
export const MAX_EXPIRY_HOURS = 24;
export const EXPIRY_CHOICES = [1, 2, 4, 8, 24] as const;

/** Expiry is counted from the Batch service's clock, not the browser's, so a skewed laptop cannot make a user outlive its limit. */
export function expiryTime(serviceNow: number, hours: number): Date {
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_EXPIRY_HOURS) throw new RangeError(`expiry must be 1–${MAX_EXPIRY_HOURS} hours`);
  return new Date(serviceNow + hours * 3_600_000);
}

/**
 * Batch gives a Linux user's expiry a precision of a day (ComputeNodeUser.expiryTime docs; docs/real-service.md):
 * the account outlives the hours chosen here, up to the end of that UTC day, unless it is removed.
 */
export const LINUX_EXPIRY_NOTE =
  "On Linux nodes Batch keeps the user until the end of its expiry day (UTC) unless it is removed, so remove it when you are done.";

export function isExpired(expiry: string | Date, serviceNow: number): boolean {
  return new Date(expiry).getTime() <= serviceNow;
}
