import { useIdle } from '@mantine/hooks';
import { useEffect } from 'react';
import { IDLE_LOGOUT_MS } from '@/config/session';

/** Rendered only while someone is logged in, so the idle timer starts at login. */
export function IdleLogout({ onIdle }: { onIdle: () => void }) {
  // useIdle starts out idle unless told otherwise; a fresh login is activity.
  const idle = useIdle(IDLE_LOGOUT_MS, { initialState: false });
  useEffect(() => {
    if (idle) onIdle();
  }, [idle, onIdle]);
  return null;
}
