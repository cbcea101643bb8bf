import { describe, expect, it } from 'vitest';
import { actorText } from '../actor-text';

describe('actorText', () => {
  it('names the user and their role in words', () => {
    expect(actorText({ actorName: 'Ada Admin', actorRole: 'admin' })).toBe('Ada Admin (Administrator)');
    expect(actorText({ actorName: 'Sam', actorRole: 'senior_agent' })).toBe('Sam (Senior agent)');
  });

  it('says "Unknown user" for entries without a known user (a login with an unknown email)', () => {
    expect(actorText({ actorName: null, actorRole: null })).toBe('Unknown user');
    expect(actorText({ actorName: null, actorRole: 'agent' })).toBe('Unknown user (Agent)');
  });

  it('leaves out a role that is not one of the roles (the trail stores plain text)', () => {
    expect(actorText({ actorName: 'System', actorRole: 'job' })).toBe('System');
    expect(actorText({ actorName: 'Ada', actorRole: '' })).toBe('Ada');
  });
});
