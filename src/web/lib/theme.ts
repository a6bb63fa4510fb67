import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  components: {
    // Statuses read as the guide writes them ("New", "Activated"), not in capitals.
    Badge: Badge.extend({ styles: { root: { textTransform: 'none' } } }),
  },
});
