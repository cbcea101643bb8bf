import { openSpotlight } from '@mantine/spotlight';

/** How long a Ctrl/Cmd+K pressed before the console is on screen is still honoured when it appears. */
export const EARLY_PRESS_MS = 5_000;

/**
 * Remembers a shortcut pressed while the console is not mounted yet (the login request or the session
 * restore is under way) so the spotlight opens once it is; a press long before that is forgotten.
 */
export function createShortcutLatch(windowMs = EARLY_PRESS_MS) {
  let mounted = false;
  let pressedAt: number | null = null;
  return {
    /** A press: true when the spotlight can open now. */
    press(now: number): boolean {
      if (mounted) return true;
      pressedAt = now;
      return false;
    },
    /** The console appeared: true when an early press is waiting. */
    mount(now: number): boolean {
      mounted = true;
      const waiting = pressedAt !== null && now - pressedAt <= windowMs;
      pressedAt = null;
      return waiting;
    },
    unmount(): void {
      mounted = false;
      pressedAt = null;
    },
  };
}

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** Ctrl+K, or Cmd+K on a Mac; not with Alt or Shift, which other shortcuts may use. */
export function isSpotlightShortcut(event: KeyPress): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}

const latch = createShortcutLatch();

/**
 * Installed once at start-up, before React renders: Mantine's own listener only exists while the
 * console is mounted, so a press during the login round trip was lost (and reached the browser).
 */
export function installSpotlightShortcut(): void {
  document.documentElement.addEventListener('keydown', (event) => {
    if (!isSpotlightShortcut(event)) return;
    event.preventDefault();
    if (latch.press(performance.now())) openSpotlight();
  });
}

/** For the spotlight component: opens it when the shortcut was pressed just before it mounted. */
export function attachSpotlight(): () => void {
  if (latch.mount(performance.now())) openSpotlight();
  return () => latch.unmount();
}
