import { DEFAULT_THEME, getPrimaryShade, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { AA_TEXT, contrastRatio, cssVariablesResolver, darkenUntil, theme } from '../theme';

const resolved = mergeMantineTheme(DEFAULT_THEME, theme);
const WHITE = '#ffffff';
const page = resolved.colors.gray;
const names = Object.keys(resolved.colors).filter((name) => name !== 'dark');

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    // Mantine's default dimmed grey and indigo, as the issue measured them.
    expect(contrastRatio('#868e96', WHITE)).toBeCloseTo(3.32, 2);
    expect(contrastRatio('#4c6ef5', WHITE)).toBeCloseTo(4.32, 2);
  });
});

describe('darkenUntil', () => {
  it('returns a colour that reaches the ratio on every background, unchanged when it already does', () => {
    const darkened = darkenUntil('#12b886', [WHITE, '#c3fae8']);
    expect(contrastRatio(darkened, WHITE)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(darkened, '#c3fae8')).toBeGreaterThanOrEqual(AA_TEXT);
    expect(darkenUntil('#212529', [WHITE])).toBe('#212529');
  });
});

describe('the console theme meets WCAG 2.1 AA (4.5:1) for text', () => {
  it('secondary (dimmed) text on white, the grey page and a hovered row', () => {
    for (const background of [WHITE, page[0], page[1]]) expect(contrastRatio(page[6], background)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(cssVariablesResolver(resolved).light['--mantine-color-placeholder']).toBe('var(--mantine-color-gray-6)');
  });

  it.each(names)('%s: shades 6 to 9 as text or as a filled background under white text', (name) => {
    const palette = resolved.colors[name];
    for (let shade = 6; shade <= 9; shade += 1) {
      for (const background of [WHITE, page[0], page[1], palette[0], palette[1]]) {
        expect(contrastRatio(palette[shade], background), `${name}.${shade} on ${background}`).toBeGreaterThanOrEqual(AA_TEXT);
      }
    }
    // Light badges and alerts: shade 9 on the 1 tint, and on the 2 tint when hovered.
    expect(contrastRatio(palette[9], palette[2])).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it('links and primary buttons use a shade that passes', () => {
    const primary = resolved.colors[resolved.primaryColor][getPrimaryShade(resolved, 'light')];
    expect(contrastRatio(primary, WHITE)).toBeGreaterThanOrEqual(AA_TEXT);
  });
});
