import type { RingingCall } from '@contracts/voice';
import { describe, expect, it } from 'vitest';
import { applyScreenPopEvent, stillRinging } from '../screen-pop/ringing-state';
import { createSseParser } from '../screen-pop/sse';

const call = (id: string, ringUntil = '2027-01-01T10:01:00.000Z'): RingingCall => ({
  id,
  queue: 'claims',
  status: 'ringing',
  from: '+12125550123',
  line: { id: '00000000-0000-4000-8000-000000000001', name: 'Customer service', number: '+18005963057' },
  caseId: '00000000-0000-4000-8000-000000000002',
  interactionId: null,
  caller: null,
  ringUntil,
  takenBy: null,
  takenAt: null,
  version: 1,
  createdAt: '2027-01-01T10:00:00.000Z',
});

describe('the screen pop’s calls', () => {
  it('are replaced by ready, added (once) by ringing and dropped by gone', () => {
    let calls = applyScreenPopEvent([call('a')], { type: 'ready', items: [call('b')] });
    expect(calls.map((c) => c.id)).toEqual(['b']);
    calls = applyScreenPopEvent(calls, { type: 'ringing', call: call('c') });
    calls = applyScreenPopEvent(calls, { type: 'ringing', call: call('c') });
    expect(calls.map((c) => c.id)).toEqual(['b', 'c']);
    calls = applyScreenPopEvent(calls, { type: 'gone', id: 'b', status: 'taken', takenBy: null });
    expect(calls.map((c) => c.id)).toEqual(['c']);
  });

  it('drop a call whose ring time passed', () => {
    const calls = [call('a', '2027-01-01T10:00:30.000Z'), call('b', '2027-01-01T10:01:00.000Z')];
    expect(stillRinging(calls, Date.parse('2027-01-01T10:00:30.000Z')).map((c) => c.id)).toEqual(['b']);
  });
});

describe('the event-stream parser', () => {
  it('joins data lines of complete events, skips comments, and waits for the rest of a split event', () => {
    const seen: string[] = [];
    const parse = createSseParser((d) => seen.push(d));
    parse(': keep-alive\n\nevent: ready\ndata: {"a":');
    expect(seen).toEqual([]);
    parse('1}\n\nevent: gone\r\ndata: x\r\ndata: y\r\n\r\n');
    expect(seen).toEqual(['{"a":1}', 'x\ny']);
  });
});
