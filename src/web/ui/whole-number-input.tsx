import { TextInput } from '@mantine/core';
import type { TextInputProps } from '@mantine/core';

type WholeNumberInputProps = Omit<TextInputProps, 'value' | 'onChange' | 'inputMode'> & {
  value: string;
  onChange: (text: string) => void;
};

/**
 * A number field that keeps exactly what was typed. A numeric input that drops "-", "." or "e"
 * as they are typed would turn "-1" into 1 and "1.5" into 15 and save them; here the text reaches
 * the form's validation as typed and a wrong value gets its field error.
 */
export function WholeNumberInput({ value, onChange, ...props }: WholeNumberInputProps) {
  return (
    <TextInput
      {...props}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      inputMode="numeric"
      autoComplete="off"
    />
  );
}
