import { createTheme } from '@mantine/core';

// Calm and compact: agents keep the console open all day next to a phone call.
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  headings: { fontWeight: '600' },
  cursorType: 'pointer',
});
