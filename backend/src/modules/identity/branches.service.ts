import type { Branch, CreateBranchBody, UpdateBranchBody } from '../../contracts/identity';
import { withTransaction, type Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import { identityConflict } from './identity.errors';
import * as repo from './identity.repository';

export const toBranch = (b: repo.BranchRow): Branch => ({
  id: b.id,
  code: b.code,
  name: b.name,
  active: b.active,
  version: b.version,
  createdAt: b.created_at.toISOString(),
  updatedAt: b.updated_at.toISOString(),
});

const auditView = (b: repo.BranchRow) => ({ code: b.code, name: b.name, active: b.active });

export class BranchesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Branch[]> {
    return (await repo.listBranches(this.db)).map(toBranch);
  }

  async get(id: string): Promise<Branch> {
    const branch = await repo.findBranch(this.db, id);
    if (!branch) throw new NotFoundError('branch');
    return toBranch(branch);
  }

  async create(actor: Actor, input: CreateBranchBody): Promise<Branch> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const clash = await repo.findBranchByCodeOrName(trx, input.code, input.name);
      if (clash) {
        const path = clash.code === input.code ? 'code' : 'name';
        throw identityConflict('BRANCH_EXISTS', `A branch with this ${path} already exists.`, { errors: [{ path, message: 'Already in use' }] });
      }
      const row = await repo.insertBranch(trx, { code: input.code, name: input.name, created_at: now, updated_at: now, created_by: actor.userId });
      await this.audit.record(trx, { actor, action: 'branch.create', entity: { type: 'branch', id: row.id }, branchId: row.id, after: auditView(row) });
      return toBranch(row);
    });
  }

  async update(actor: Actor, id: string, version: number, input: UpdateBranchBody): Promise<Branch> {
    const now = this.clock.now();
    return withTransaction(this.db, async (trx) => {
      const before = await repo.findBranchForUpdate(trx, id);
      if (!before) throw new NotFoundError('branch');
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      if (input.active === false && before.active) {
        if ((await repo.countActiveUsersInBranch(trx, id)) > 0) throw identityConflict('BRANCH_IN_USE', 'Move or disable the active users of this branch first.');
      }
      const row = (await repo.updateBranchIfVersion(trx, id, version, { ...input, updated_at: now }))!;
      await this.audit.record(trx, { actor, action: 'branch.update', entity: { type: 'branch', id }, branchId: id, before: auditView(before), after: auditView(row) });
      return toBranch(row);
    });
  }
}
