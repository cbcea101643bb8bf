// Durations in business days (Monday–Friday), as the API counts them, in words.

const days = (count: number) => `${count} business ${count === 1 ? 'day' : 'days'}`;

/** How long an application took from submission to decision: "decided the same business day", "decided 1 business day after submission". */
export function decidedAfter(businessDays: number): string {
  return businessDays <= 0 ? 'decided the same business day' : `decided ${days(businessDays)} after submission`;
}

/** How long something has waited in a queue: "Today", "1 business day", "3 business days". */
export function waitingFor(businessDays: number): string {
  return businessDays <= 0 ? 'Today' : days(businessDays);
}
