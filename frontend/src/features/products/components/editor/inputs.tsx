// Inputs the editor uses everywhere: codes in capitals, decimals as typed, money in major units.
import { NumberInput, TextInput } from '@mantine/core';
import type { NumberInputProps, TextInputProps } from '@mantine/core';
import type { ChangeEvent } from 'react';

type TextProps = Omit<TextInputProps, 'onChange'> & { onChange?: (value: string | ChangeEvent<HTMLInputElement>) => void };

/** A code such as DEATH or AGE_50: capitals, digits and _; typed letters become capitals. */
export function CodeInput({ onChange, ...props }: TextProps) {
  return (
    <TextInput
      autoComplete="off"
      spellCheck={false}
      maxLength={30}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      {...props}
      onChange={(event) => onChange?.(event.currentTarget.value.toUpperCase().replace(/[\s-]/g, '_'))}
    />
  );
}

/** A rate or factor, kept exactly as typed ("0.80" stays "0.80"): the API takes decimal strings. */
export function DecimalInput(props: TextProps) {
  return <TextInput inputMode="decimal" autoComplete="off" styles={{ input: { textAlign: 'right', fontFamily: 'var(--mantine-font-family-monospace)' } }} {...props} />;
}

/** An amount in major units (the form converts to minor units for the API). */
export function MoneyInput(props: NumberInputProps) {
  return <NumberInput decimalScale={2} thousandSeparator="," hideControls allowNegative={false} styles={{ input: { textAlign: 'right' } }} {...props} />;
}

/** Ages, years, days, classes. */
export function WholeNumberInput(props: NumberInputProps) {
  return <NumberInput allowDecimal={false} hideControls styles={{ input: { textAlign: 'right' } }} {...props} />;
}
