import type { z } from 'zod';

// What the builder keeps for the length of the browser tab, per customer: the option set being built
// and the comparison basket. Storage may be disabled by policy; the console then simply forgets.

export function readStored<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined {
  try {
    const text = sessionStorage.getItem(key);
    if (text === null) return undefined;
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Forgotten on reload; nothing else depends on it.
  }
}
