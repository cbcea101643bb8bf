// Selling a policy in the demo the way the product does — quote, application with its documents,
// underwriting review and approval, the first premium invoiced and paid — through the modules' own
// services on a clock the seed moves, so the history, audit trail, ledger and schedule PDF are what
// the product itself would write. Used by the demo seeds that need a policy of their own.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { ROLE_PERMISSIONS } from '../../backend/src/contracts/permissions';
import type { Beneficiary, UpdateOrderBody } from '../../backend/src/contracts/orders';
import type { CreateQuoteBody, ProductDefinition } from '../../backend/src/contracts/products';
import type { Actor } from '../../backend/src/platform/actor';
import type { Clock } from '../../backend/src/platform/clock';
import { DbNotifications } from '../../backend/src/platform/db-notifications';
import { IdempotencyStore } from '../../backend/src/platform/idempotency';
import type { Logger } from '../../backend/src/platform/logger';
import { branchScopeFor } from '../../backend/src/platform/scope';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { InvoiceService } from '../../backend/src/modules/billing/invoices.service';
import { LedgerService } from '../../backend/src/modules/billing/ledger.service';
import { PaymentsService } from '../../backend/src/modules/billing/payments.service';
import { ExamsService } from '../../backend/src/modules/orders/exams.service';
import { OrdersService } from '../../backend/src/modules/orders/orders.service';
import { UnderwritingService } from '../../backend/src/modules/orders/underwriting.service';
import { QuotesService } from '../../backend/src/modules/products/quotes.service';
import { SellableCatalog } from '../../backend/src/modules/products/sellable-catalog';
import { createSharedServices } from '../../backend/src/modules/shared-services';

const pdf = (what: string) => Buffer.from(`%PDF-1.4\n% Policydesk demo document: ${what}\n%%EOF\n`);

/** The demo user of `email` as the API would see them, or undefined when the demo has no such user. */
export async function demoActor(db: Knex, email: string): Promise<Actor | undefined> {
  const u = await db('users').where({ email }).first('id', 'role', 'branch_id');
  if (!u) return undefined;
  return {
    userId: u.id,
    role: u.role,
    branchId: u.branch_id,
    branchIds: branchScopeFor(u.role, u.branch_id, []),
    permissions: new Set(ROLE_PERMISSIONS[u.role as Actor['role']]),
    mustChangePassword: false,
    sessionId: '',
  };
}

/** "No" to every yes/no question, 1 to numbers, "None" to text. */
export function plainAnswers(def: ProductDefinition) {
  return Object.fromEntries(def.declarationQuestions.map((q) => [q.code, { answer: q.answerType === 'yes_no' ? false : q.answerType === 'number' ? 1 : 'None' }]));
}

export interface DemoSale {
  /** The quote request without its customer and product. */
  request: Omit<CreateQuoteBody, 'customerId' | 'productId' | 'save' | 'applicant'>;
  customer: { id: string; first_name: string; last_name: string };
  product: { id: string; definition: ProductDefinition };
  beneficiaries?: Beneficiary[];
}

export class DemoSales {
  private readonly quotes: QuotesService;
  private readonly orders: OrdersService;
  private readonly underwriting: UnderwritingService;
  private readonly invoices: InvoiceService;
  private readonly payments: PaymentsService;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    { config, logger }: { config: SeedContext['config']; logger: Logger },
  ) {
    const services = createSharedServices(db, clock, config);
    this.quotes = new QuotesService(db, clock, services.audit, new SellableCatalog(db, new DbNotifications(db, logger)), services.customerProfiles);
    const exams = new ExamsService(db, clock, services.audit, config.labPartners, services.documents);
    this.orders = new OrdersService(db, clock, services.audit, services.quotes, services.documents, exams);
    this.underwriting = new UnderwritingService(db, clock, this.orders, services.quotes, services.approvalLimits, services.policies, exams);
    const ledger = new LedgerService(db, clock, services.audit, services.customerProfiles);
    this.invoices = new InvoiceService(db, clock, ledger, services.audit, services.customerProfiles, config.invoiceLeadDays);
    this.payments = new PaymentsService(
      db,
      clock,
      services.audit,
      services.customerProfiles,
      ledger,
      services.paymentGateway,
      new IdempotencyStore(db, clock),
      this.invoices,
      services.notifications,
    );
  }

  /**
   * Sells the policy on the clock as it stands (each step ten minutes after the last), paid by bank
   * account: the seller applies, the underwriter verifies the documents and approves; what is due
   * is invoiced and paid in cash at the branch. The policy's id, or null when the product would not
   * sell it (not eligible).
   */
  async sell(seller: Actor, underwriter: Actor, sale: DemoSale): Promise<string | null> {
    const request = { ...sale.request, customerId: sale.customer.id, productId: sale.product.id };
    const priced = await this.quotes.quote(seller, request);
    if (!priced.eligibility.eligible) return null;
    const quote = await this.quotes.quote(seller, { ...request, save: true });
    let order = await this.orders.create(seller, quote.id!);
    const application: UpdateOrderBody = {
      beneficiaries: sale.beneficiaries ?? [],
      declarations: plainAnswers(sale.product.definition),
      paymentMethod: { type: 'bank_account', accountNumber: '0012345678', routingNumber: '021000021', holderName: `${sale.customer.first_name} ${sale.customer.last_name}` },
    };
    order = await this.orders.update(seller, order.id, order.version, application);
    for (const d of order.documents) {
      await this.orders.uploadDocument(seller, order.id, d.code, { originalName: `${d.code.toLowerCase()}.pdf`, declaredType: 'application/pdf', bytes: pdf(d.name) });
    }
    this.clock.advance(600_000);
    order = await this.orders.submit(seller, order.id, order.version);
    this.clock.advance(600_000);
    order = await this.underwriting.startReview(underwriter, order.id, order.version);
    for (const doc of order.documents) await this.orders.reviewDocument(underwriter, order.id, doc.document!.id, { verified: true });
    order = await this.orders.get(underwriter, order.id);
    this.clock.advance(600_000);
    await this.underwriting.approve(underwriter, order.id, order.version, { note: 'Standard risk' });
    const policy = await this.db('policies').where({ order_id: order.id }).first('id');
    await this.payDue(seller, policy.id);
    return policy.id as string;
  }

  /** What is due on the policy today (by the clock), invoiced and paid in cash at the branch. */
  async payDue(actor: Actor, policyId: string): Promise<void> {
    await this.invoices.raiseDue(this.clock.businessDate());
    const billing = await this.invoices.policyBilling(actor, policyId);
    const owed = billing.invoices.reduce((s, i) => s + i.openAmount, 0);
    if (owed <= 0) return;
    const key = crypto.randomUUID();
    await this.payments.create(
      actor,
      { operation: 'payments.create', actorId: actor.userId, key, fingerprint: crypto.createHash('sha256').update(key).digest('hex') },
      { policyId, method: 'cash', amount: owed, currency: billing.currency },
    );
  }
}
