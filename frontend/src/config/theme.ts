import { colorsTuple, createTheme, DEFAULT_THEME } from '@mantine/core';
import type { CSSVariablesResolver, MantineColorsTuple, ModalProps } from '@mantine/core';

/** WCAG 2.1 AA for normal-size text (1.4.3). */
export const AA_TEXT = 4.5;

function channels(hex: string): [number, number, number] {
  const value = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16)) as [number, number, number];
}

function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

function darkenHex(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((c) => Math.round(c * (1 - amount)))
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** The colour, darkened (towards black, keeping its hue) just enough to reach `ratio` on every background. */
export function darkenUntil(color: string, backgrounds: readonly string[], ratio = AA_TEXT): string {
  for (let step = 0; step <= 100; step += 1) {
    const candidate = darkenHex(color, step / 100);
    if (backgrounds.every((background) => contrastRatio(candidate, background) >= ratio)) return candidate;
  }
  return '#000000';
}

const WHITE = '#ffffff';
const PAGE = DEFAULT_THEME.colors.gray; // the page is gray-0; table rows hover in gray-1

/**
 * Mantine's palettes with shades 6 to 9 darkened where they fail AA. Shades 0 to 5 (backgrounds,
 * borders) stay. Shade 6 and up are what Mantine writes text in (links, `c="red"`, filled buttons and
 * badges with white text, outlines, field errors) on white, the grey page and the colour's own tints;
 * shade 9 is the text of light badges and alerts on the colour's 1 and 2 tints. Before this the
 * default indigo was 4.3:1 on white, teal 2.6:1, green 2.4:1, and dimmed grey 3.3:1.
 */
export function accessiblePalette(palette: MantineColorsTuple): MantineColorsTuple {
  const shades = [...palette];
  const onLight = [WHITE, PAGE[0], PAGE[1], palette[0], palette[1]];
  for (let shade = 6; shade <= 9; shade += 1) {
    const backgrounds = shade === 9 ? [...onLight, palette[2]] : onLight;
    let color = darkenUntil(palette[shade], backgrounds);
    // Each shade stays at least as dark as the one before it.
    if (relativeLuminance(color) > relativeLuminance(shades[shade - 1])) color = darkenHex(shades[shade - 1], 0.08);
    shades[shade] = color;
  }
  return colorsTuple(shades);
}

const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors)
    .filter(([name]) => name !== 'dark')
    .map(([name, palette]) => [name, accessiblePalette(palette)]),
);

// Placeholders are text too (gray-5 was 2.6:1); `dimmed` already reads gray-6.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-placeholder': 'var(--mantine-color-gray-6)' },
  dark: {},
});

// Calm and compact: agents keep the console open all day next to a phone call.
export const theme = createTheme({
  colors,
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'sm',
  headings: { fontWeight: '600' },
  cursorType: 'pointer',
  components: {
    // Mantine's close button is an icon only; screen readers need its name. (A plain object rather
    // than Modal.extend, which would pull the Modal's code into the login page's first load.)
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } satisfies Partial<ModalProps> },
  },
});
