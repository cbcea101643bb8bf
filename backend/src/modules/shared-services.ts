// Services that every module may call, built once per app.
import type { Db } from '../db';
import type { Clock } from '../platform/clock';
import { AuditService } from './audit/audit.service';
import { ApprovalLimitsService } from './identity/approval-limits.service';

export interface SharedServices {
  audit: AuditService;
  approvalLimits: ApprovalLimitsService;
}

export function createSharedServices(db: Db, clock: Clock): SharedServices {
  const audit = new AuditService(clock);
  return { audit, approvalLimits: new ApprovalLimitsService(db, clock, audit) };
}
