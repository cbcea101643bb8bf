const MONTHS = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "November 2026" for 2026-11. */
export const monthLabel = (month: string) => MONTHS.format(new Date(`${month}-01T00:00:00Z`));
