import type { CASE_STATUSES, CASE_TYPES, CaseSurvey, CHANNELS, CLOCK_METRICS, ESCALATION_LEVELS, PRIORITIES } from '@contracts/service';

export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  phone_inbound: 'Phone (inbound)',
  phone_outbound: 'Phone (outbound)',
  email: 'Email',
  chat: 'Chat',
  sms: 'SMS',
  letter: 'Letter',
  in_person: 'In person',
};

export const PRIORITY_LABELS: Record<(typeof PRIORITIES)[number], string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

export const CASE_TYPE_LABELS: Record<(typeof CASE_TYPES)[number], string> = {
  question: 'Question',
  complaint: 'Complaint',
  policy_change_request: 'Policy change request',
  billing_question: 'Billing question',
  claim_follow_up: 'Claim follow-up',
  cancellation_request: 'Cancellation request',
  onboarding: 'Onboarding',
};

export const CASE_STATUS_LABELS: Record<(typeof CASE_STATUSES)[number], string> = { new: 'New', open: 'Open', pending: 'Pending', resolved: 'Resolved', closed: 'Closed' };

export const CLOCK_LABELS: Record<(typeof CLOCK_METRICS)[number], string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
  acknowledgement: 'Acknowledgement (complaint)',
  final_response: 'Final response (complaint)',
  milestone: 'Milestone',
};

export const LEVEL_LABELS: Record<(typeof ESCALATION_LEVELS)[number], string> = { agent: 'Agent', senior_agent: 'Senior agent', manager: 'Manager' };

/** Business minutes as "2 h 05 min". */
export function businessDuration(minutes: number): string {
  const m = Math.abs(minutes);
  const h = Math.floor(m / 60);
  return h ? `${h} h ${String(m % 60).padStart(2, '0')} min` : `${m} min`;
}

/** What the case says about its satisfaction survey: its state in one line, and what the agent should do with the link. */
export function surveySummary(survey: Pick<CaseSurvey, 'status' | 'score' | 'answeredVia' | 'sentVia'>): { state: string; linkAdvice: string | null } {
  if (survey.status === 'answered') return { state: `answered ${survey.score}/5 (${survey.answeredVia === 'phone' ? 'on the phone' : 'through the link'})`, linkAdvice: null };
  if (survey.status === 'expired') return { state: 'expired without an answer', linkAdvice: null };
  if (survey.sentVia)
    return {
      state: `sent to the customer by ${survey.sentVia === 'email' ? 'email' : 'text message'}; waiting for the answer`,
      linkAdvice: 'If they did not get it, pass on this link',
    };
  return { state: 'not sent: the customer has no email address or phone number on file', linkAdvice: 'Pass on this link' };
}
