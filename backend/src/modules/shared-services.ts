// Services that every module may call, built once per app.
import type { Config } from '../config';
import type { Db } from '../db';
import { FieldCrypto } from '../platform/field-crypto';
import type { Clock } from '../platform/clock';
import { AuditService } from './audit/audit.service';
import { CustomerExtensions } from './customers/customer-extensions';
import { CustomerProfiles } from './customers/customer-profiles';
import { DocumentsService } from './documents/documents.service';
import { AgentDirectory } from './identity/agent-directory';
import { ApprovalLimitsService } from './identity/approval-limits.service';
import { PolicyIssuer } from './policies/policy-issuer';
import { QuoteBook } from './products/quote-book';

export interface SharedServices {
  audit: AuditService;
  approvalLimits: ApprovalLimitsService;
  /** Who may be assigned customers in a branch. */
  agents: AgentDirectory;
  /** Encryption and blind indexes for protected personal data. */
  fieldCrypto: FieldCrypto;
  /** Where later modules add customer overview sections, risk factors, lifetime value and merge moves. */
  customerExtensions: CustomerExtensions;
  /** Rating inputs and branch of a customer, for modules that quote or sell to them. */
  customerProfiles: CustomerProfiles;
  /** Saved quotes with the version that priced them, and eligibility today, for modules that sell. */
  quotes: QuoteBook;
  /** Issues the policy of an approved order inside the approval's transaction. */
  policies: PolicyIssuer;
  /** Uploaded files (type from the bytes, SHA-256, under DOCUMENTS_DIR) and who may read them. */
  documents: DocumentsService;
}

export function createFieldCrypto(config: Config): FieldCrypto {
  const { fieldEncryptionKey, blindIndexKey } = config.secrets;
  if (!fieldEncryptionKey || !blindIndexKey) throw new Error('The field encryption and blind index keys are missing from the configuration');
  return new FieldCrypto({ current: fieldEncryptionKey, previous: config.previousFieldEncryptionKeys, blindIndexKey });
}

export function createSharedServices(db: Db, clock: Clock, config: Config): SharedServices {
  const audit = new AuditService(clock);
  const customerProfiles = new CustomerProfiles(clock, audit);
  return {
    audit,
    approvalLimits: new ApprovalLimitsService(db, clock, audit),
    agents: new AgentDirectory(),
    fieldCrypto: createFieldCrypto(config),
    customerExtensions: new CustomerExtensions(),
    customerProfiles,
    quotes: new QuoteBook(clock, customerProfiles),
    policies: new PolicyIssuer(clock, audit, customerProfiles),
    documents: new DocumentsService(config.documentsDir, clock, audit),
  };
}
