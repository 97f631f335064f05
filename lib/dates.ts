/** Calendar dates are plain `YYYY-MM-DD` strings in UTC, as GitLab's API returns them. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const start = Date.parse(`${date}T00:00:00Z`);
  return utcDate(new Date(start + days * 86_400_000));
}

/** Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30. */
export function parseIsoDate(value: string): IsoDate | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const instant = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(instant.getTime()) && utcDate(instant) === value ? value : null;
}

/** Something that has an end date is over from 00:00:00 UTC on that date. */
export function hasEnded(endDate: IsoDate, now: Date): boolean {
  return utcDate(now) >= endDate;
}
