import { createTheme, Modal } from '@mantine/core';

// Calm and compact: agents keep the console open all day next to a phone call.
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  headings: { fontWeight: '600' },
  cursorType: 'pointer',
  components: {
    // Mantine's close button is an icon only; screen readers need its name.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
  },
});
