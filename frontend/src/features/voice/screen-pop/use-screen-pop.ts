import { ScreenPopEvent } from '@contracts/voice';
import type { RingingCall } from '@contracts/voice';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api-client';
import { applyScreenPopEvent, stillRinging } from './ringing-state';
import { createSseParser } from './sse';

const RECONNECT_MS = 3_000;

/**
 * The calls ringing for the agent, live: the stream `GET /api/ringing-calls/stream` while `enabled`,
 * opened again when `streamKey` changes (the agent's queues: the server reads them when a call rings)
 * and after it drops. Ring times that pass drop calls locally too.
 */
export function useScreenPop(enabled: boolean, streamKey: string) {
  const [calls, setCalls] = useState<RingingCall[]>([]);
  const [connected, setConnected] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const response = await api.stream('/ringing-calls/stream', { signal: controller.signal });
        if (!response.body) throw new Error('no stream');
        setConnected(true);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parse = createSseParser((data) => {
          let json: unknown;
          try {
            json = JSON.parse(data);
          } catch {
            return;
          }
          const event = ScreenPopEvent.safeParse(json);
          if (event.success) setCalls((current) => applyScreenPopEvent(current, event.data));
        });
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parse(value);
        }
      } catch {
        // dropped, refused or aborted: try again below unless the component is gone
      }
      setConnected(false);
      if (!controller.signal.aborted) retry = setTimeout(() => void run(), RECONNECT_MS);
    };
    void run();
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [enabled, streamKey]);

  // Ring times pass without an event from the server for this agent: drop them locally every second.
  useEffect(() => {
    if (!calls.length) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      setCalls((current) => stillRinging(current, at));
    }, 1_000);
    return () => clearInterval(timer);
  }, [calls.length]);

  return { calls: enabled ? calls : [], connected, now, remove: (id: string) => setCalls((current) => current.filter((c) => c.id !== id)) };
}
