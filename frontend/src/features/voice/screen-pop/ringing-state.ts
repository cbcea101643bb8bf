import type { RingingCall, ScreenPopEvent } from '@contracts/voice';

/** The calls ringing for this agent after an event: `ready` replaces them, `ringing` adds (or refreshes) one, `gone` drops one. */
export function applyScreenPopEvent(calls: readonly RingingCall[], event: ScreenPopEvent): RingingCall[] {
  switch (event.type) {
    case 'ready':
      return [...event.items];
    case 'ringing':
      return [...calls.filter((c) => c.id !== event.call.id), event.call];
    case 'gone':
      return calls.filter((c) => c.id !== event.id);
  }
}

/** Calls whose ring time has passed are dropped locally too (the server makes them missed calls). */
export const stillRinging = (calls: readonly RingingCall[], now: number) => calls.filter((c) => Date.parse(c.ringUntil) > now);
