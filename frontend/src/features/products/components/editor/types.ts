import type { UseFormReturnType } from '@mantine/form';
import type { DraftValues } from '../../draft-form';

/** The draft editor's form, handed to each section. */
export type DraftForm = UseFormReturnType<DraftValues>;

/** A coverage a table or rule can name: its code, and its name as it stands in the form. */
export interface CoverageOption {
  value: string;
  label: string;
}

export function coverageOptions(values: DraftValues): CoverageOption[] {
  return values.coverages
    .filter((coverage) => coverage.code.trim() !== '')
    .map((coverage) => ({
      value: coverage.code.trim(),
      label: coverage.name.trim() ? `${coverage.code.trim()} — ${coverage.name.trim()}` : coverage.code.trim(),
    }));
}
