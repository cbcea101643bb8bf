// Where other modules add their items to "My work" without the service module reading their tables:
// a module that owns work an agent follows up (claims assigned to them, requests for information they
// chase) registers a source at setup (`services.workSources.register`). My work asks each source for
// the caller's open items with their due instants, then flags, counts and orders them with the
// tasks and cases. A source gets the branches' business calendars from the service desk, so "due"
// means the same business time everywhere.
import type { MyWorkItem } from '../../contracts/service';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { BusinessTime } from '../../platform/business-time';

type Flags = 'dueAt' | 'overdue' | 'atRisk';
/** An item a source contributes: one of the contract's contributed kinds, without the flags (My work sets them). */
export type ContributedWorkItem = Exclude<MyWorkItem, { kind: 'task' | 'case' }> extends infer I ? (I extends MyWorkItem ? Omit<I, Flags> : never) : never;

export interface WorkSourceContext {
  now: Date;
  /** The business calendar of a branch (the default calendar when the branch has none of its own). */
  calendarOf(branchId: string): Promise<BusinessTime>;
  /** At most so many items (the source's earliest due first). */
  limit: number;
}

export interface WorkSource {
  name: string;
  /** The caller's open items in their branches, each with its due instant (null: nothing falls due). */
  load(db: DbOrTrx, actor: Actor, context: WorkSourceContext): Promise<{ item: ContributedWorkItem; dueAt: Date | null }[]>;
}

export class WorkSources {
  private readonly sources: WorkSource[] = [];

  register(source: WorkSource): void {
    if (this.sources.some((s) => s.name === source.name)) throw new Error(`Work source ${source.name} is registered twice`);
    this.sources.push(source);
  }

  all(): readonly WorkSource[] {
    return this.sources;
  }
}
