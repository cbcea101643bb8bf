import type { Product, ProductDefinition } from '@contracts/products';
import { Grid, Stack } from '@mantine/core';
import { ApplicationPanel } from './ApplicationPanel';
import { CashValuesPanel } from './CashValuesPanel';
import { ClaimsSettingsPanel } from './ClaimsSettingsPanel';
import { CoveragesPanel } from './CoveragesPanel';
import { DeclarationPanel } from './DeclarationPanel';
import { EligibilityPanel } from './EligibilityPanel';
import { FactorTablesPanel } from './FactorTablesPanel';
import { TermsAndChargesPanel } from './TermsAndChargesPanel';

/**
 * One version of a product, read-only: who can buy it and what it covers first (what an agent is
 * asked on the phone), then what an application needs, then how it is priced.
 */
export function ProductVersionView({ definition, product }: { definition: ProductDefinition; product?: Product }) {
  return (
    <Stack gap="lg">
      <Grid gap="lg" align="stretch">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <EligibilityPanel definition={definition} />
            <TermsAndChargesPanel definition={definition} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <CoveragesPanel definition={definition} />
            <ApplicationPanel definition={definition} />
          </Stack>
        </Grid.Col>
      </Grid>
      <ClaimsSettingsPanel definition={definition} product={product} />
      <DeclarationPanel definition={definition} />
      <FactorTablesPanel definition={definition} />
      {definition.cashValues && <CashValuesPanel definition={definition} cashValues={definition.cashValues} />}
    </Stack>
  );
}
