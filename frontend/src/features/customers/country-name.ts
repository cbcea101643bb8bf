const regions = new Intl.DisplayNames(['en'], { type: 'region' });

/** "United States" for "US"; null for a code the browser does not know. */
export function countryName(code: string): string | null {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return null;
  const name = regions.of(upper);
  return name && name !== upper ? name : null;
}
