import { describe, expect, it } from 'vitest';
import { createShortcutLatch, isSpotlightShortcut } from '../spotlight-shortcut';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('isSpotlightShortcut', () => {
  it('is Ctrl+K or Cmd+K, whatever the case of the letter', () => {
    expect(isSpotlightShortcut(key('k', { ctrlKey: true }))).toBe(true);
    expect(isSpotlightShortcut(key('K', { metaKey: true }))).toBe(true);
  });
  it('is not K alone, another letter, or K with Alt or Shift', () => {
    expect(isSpotlightShortcut(key('k'))).toBe(false);
    expect(isSpotlightShortcut(key('j', { ctrlKey: true }))).toBe(false);
    expect(isSpotlightShortcut(key('k', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSpotlightShortcut(key('K', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });
});

describe('createShortcutLatch', () => {
  it('opens at once while the console is mounted', () => {
    const latch = createShortcutLatch(5000);
    expect(latch.mount(0)).toBe(false);
    expect(latch.press(10)).toBe(true);
  });
  it('remembers a press made while the console was loading and opens when it mounts', () => {
    const latch = createShortcutLatch(5000);
    expect(latch.press(1000)).toBe(false);
    expect(latch.mount(2500)).toBe(true);
  });
  it('forgets a press made long before the console appeared, and a press honoured once', () => {
    const latch = createShortcutLatch(5000);
    latch.press(1000);
    expect(latch.mount(7000)).toBe(false);
    latch.unmount();
    latch.press(8000);
    expect(latch.mount(8100)).toBe(true);
    latch.unmount();
    expect(latch.mount(8200)).toBe(false);
  });
});
