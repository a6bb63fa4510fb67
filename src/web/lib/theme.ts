import { Badge, createTheme, PasswordInput, Select, TextInput } from '@mantine/core';

// Required fields keep their `required` attribute, but labels carry no asterisk: a label reads
// exactly as the guide names the field, and the one optional field says so in its description.
const plainLabel = { defaultProps: { withAsterisk: false } };

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  components: {
    // Statuses read as the guide writes them ("New", "Activated"), not in capitals.
    Badge: Badge.extend({ styles: { root: { textTransform: 'none' } } }),
    TextInput: TextInput.extend(plainLabel),
    PasswordInput: PasswordInput.extend(plainLabel),
    Select: Select.extend(plainLabel),
  },
});
