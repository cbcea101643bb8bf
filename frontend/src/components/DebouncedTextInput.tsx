import { TextInput } from '@mantine/core';
import type { TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

interface DebouncedTextInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  /** Called once typing pauses (or on Enter), not on every key. */
  onChange: (value: string) => void;
  delay?: number;
}

/** A filter box that asks the server only when the user pauses typing. */
export function DebouncedTextInput({ value, onChange, delay = 300, ...props }: DebouncedTextInputProps) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const commit = useDebouncedCallback((next: string) => {
    committed.current = next;
    onChange(next);
  }, delay);

  useEffect(() => {
    // A value set from outside (e.g. "Clear filters"), not the echo of what the user typed.
    if (value === committed.current) return;
    committed.current = value;
    commit.cancel();
    setText(value);
  }, [value, commit]);

  return (
    <TextInput
      {...props}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit.flush();
      }}
    />
  );
}
