import { useCallback, useState } from 'react';

/**
 * A dialog about one record (rename this branch, disable that user). The record stays set after
 * closing so the dialog keeps its content during the closing animation.
 */
export function useDialogTarget<T>() {
  const [target, setTarget] = useState<T | null>(null);
  const [opened, setOpened] = useState(false);
  const open = useCallback((next: T) => {
    setTarget(next);
    setOpened(true);
  }, []);
  const close = useCallback(() => setOpened(false), []);
  return { target, opened, open, close };
}
