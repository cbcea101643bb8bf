// Demo help articles (local mode only): a few public answers to frequent questions and two staff-only
// procedures, so the case view has something to suggest and the portal something to show.
import type { Knex } from 'knex';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { shipArticle } from '../reference/002_knowledge_base';

const ARTICLES: { slug: string; title: string; categoryKey: string; audience: 'staff' | 'customers'; tags: string[]; body: string }[] = [
  {
    slug: 'paying-an-invoice',
    title: 'Paying an invoice',
    categoryKey: 'billing',
    audience: 'customers',
    tags: ['invoice', 'payment'],
    body: 'You can pay an invoice by card, bank transfer or direct debit.\n\n## By card\n\nOpen the invoice in the portal and choose **Pay**. One tap pays once: paying again is refused.\n\n## By bank transfer\n\nUse the invoice number as the reference so we can match your payment.\n',
  },
  {
    slug: 'grace-period',
    title: 'What happens if I pay my premium late',
    categoryKey: 'policies',
    audience: 'customers',
    tags: ['grace period', 'lapse', 'late payment'],
    body: 'Your policy has a **grace period** after the due date: you stay covered while it runs. If the premium is still unpaid when it ends, the policy lapses and you are no longer covered.\n\nIf paying is difficult, call us: we can agree a date.\n',
  },
  {
    slug: 'reporting-a-claim',
    title: 'How to report a claim',
    categoryKey: 'claims',
    audience: 'customers',
    tags: ['claim', 'first notice of loss'],
    body: 'Report a loss as soon as you can, with the date it happened, what happened and photos or receipts.\n\n1. Tell us the policy and the date of the loss.\n2. Describe what happened.\n3. Add photos and receipts.\n\nWe confirm by email with your claim number and how long a decision takes.\n',
  },
  {
    slug: 'changing-beneficiaries',
    title: 'Changing the beneficiaries of a life policy',
    categoryKey: 'policies',
    audience: 'customers',
    tags: ['beneficiary', 'life'],
    body: 'To change who receives the benefit, send us the signed beneficiary form. Shares must add up to 100%. The change applies from the day we receive the form.\n',
  },
  {
    slug: 'refund-checks',
    title: 'Checks before requesting a refund',
    categoryKey: 'billing',
    audience: 'staff',
    tags: ['refund', 'four-eyes'],
    body: 'Before requesting a refund, check the payment has cleared and is not under dispute. Refunds above your limit need a second approver; never approve your own request.\n',
  },
  {
    slug: 'complaint-handling',
    title: 'Handling a complaint',
    categoryKey: 'service',
    audience: 'staff',
    tags: ['complaint', 'sla'],
    body: 'Open a case of type **complaint**: the complaint clock starts. Acknowledge within one business day, keep the customer informed, and record the resolution and the root cause when you resolve it.\n',
  },
];

export async function seed(db: Knex, { clock }: SeedContext): Promise<void> {
  const now = clock.now();
  for (const article of ARTICLES) await shipArticle(db, now, article);
}
