// One row of "My work" per item, whatever its kind: what it is, what to open, whose it is, and what
// stands out (a task's or case's priority, a claim's status, the document a request is about).
import type { MyWorkItem } from '@contracts/service';
import { PRIORITY_LABELS } from './service-labels';

export interface MyWorkLinks {
  casePath: (id: string) => string;
  claimPath: (id: string) => string;
  customerPath: (id: string) => string;
  claimStatusLabel: (status: string) => string;
  lossTypeLabel: (lossType: string) => string;
  /** A business date (YYYY-MM-DD) as the console shows dates. */
  date: (isoDate: string) => string;
}

export interface MyWorkRow {
  key: string;
  /** null (a task), "Case CS-000001", "Claim CL-000001", "Info request CL-000001". */
  badge: string | null;
  title: string;
  /** Where the title leads (null: a task, done from the row). */
  to: string | null;
  customer: { name: string; to: string | null } | null;
  /** Priority (tasks, cases) or the claim's status. */
  detail: string;
  /** What the empty due column says. */
  undated: string;
}

export function myWorkRow(item: MyWorkItem, links: MyWorkLinks): MyWorkRow {
  switch (item.kind) {
    case 'task':
      return {
        key: `task:${item.task.id}`,
        badge: null,
        title: item.task.title,
        to: null,
        customer: item.task.customer ? { name: item.task.customer.name, to: links.customerPath(item.task.customer.id) } : null,
        detail: PRIORITY_LABELS[item.task.priority],
        undated: '—',
      };
    case 'case':
      return {
        key: `case:${item.case.id}`,
        badge: `Case ${item.case.caseNumber}`,
        title: item.case.subject,
        to: links.casePath(item.case.id),
        customer: item.case.customer ? { name: item.case.customer.name, to: links.customerPath(item.case.customer.id) } : null,
        detail: PRIORITY_LABELS[item.case.priority],
        undated: 'Paused',
      };
    case 'claim':
      return {
        key: `claim:${item.claim.id}`,
        badge: `Claim ${item.claim.claimNumber}`,
        title: `${links.lossTypeLabel(item.claim.lossType)}: ${item.claim.status === 'draft' ? 'a draft to submit or withdraw' : 'decision due 10 business days after submission'}`,
        to: links.claimPath(item.claim.id),
        customer: { name: item.claim.customerName, to: null },
        detail: links.claimStatusLabel(item.claim.status),
        undated: 'Not submitted',
      };
    case 'claim_information_request':
      return {
        key: `request:${item.request.id}`,
        badge: `Info request ${item.request.claim.claimNumber}`,
        title: item.request.items,
        to: links.claimPath(item.request.claim.id),
        customer: { name: item.request.claim.customerName, to: null },
        detail: `Claimant to answer by ${links.date(item.request.dueOn)}`,
        undated: '—',
      };
  }
}
