import type { Customer } from '@contracts/customers';
import { DataList, Text } from '@mantine/core';
import { formatDate, yearsSince } from '@/lib/format-date';
import { formatPhone } from '@/lib/phone';
import { countryName } from '../country-name';
import { CHANNEL_LABELS, GENDER_LABELS, OCCUPATION_CLASS_LABELS } from '../customer-labels';
import { Fact } from '@/components/Fact';
import { NationalIdValue } from './NationalIdValue';
import { Panel } from '@/components/Panel';

function AddressLines({ address }: { address: Customer['address'] }) {
  const lines = [
    address.line1,
    address.line2,
    [address.postalCode, address.city, address.region].filter(Boolean).join(' '),
    countryName(address.country) ?? address.country,
  ].filter(Boolean);
  return (
    <>
      {lines.map((line) => (
        <Text key={line} size="sm">
          {line}
        </Text>
      ))}
    </>
  );
}

function NotGiven() {
  return (
    <Text span size="sm" c="dimmed">
      Not given
    </Text>
  );
}

export function ProfilePanel({ customer }: { customer: Customer }) {
  return (
    <Panel title="Contact and personal details">
      <DataList labelWidth={150} size="sm">
        <Fact label="Phone">{customer.phone ? formatPhone(customer.phone) : <NotGiven />}</Fact>
        <Fact label="Email">{customer.email ?? <NotGiven />}</Fact>
        <Fact label="Preferred channel">{CHANNEL_LABELS[customer.preferredChannel]}</Fact>
        <Fact label="Address">
          <AddressLines address={customer.address} />
        </Fact>
        <Fact label="Date of birth">
          {formatDate(customer.dateOfBirth)} (age {yearsSince(customer.dateOfBirth)})
        </Fact>
        <Fact label="Gender">{GENDER_LABELS[customer.gender]}</Fact>
        <Fact label="National id">
          <NationalIdValue customer={customer} />
        </Fact>
        <Fact label="Occupation">
          {customer.occupation ?? <NotGiven />}
          <Text span size="sm" c="dimmed">
            {' '}
            · class {OCCUPATION_CLASS_LABELS[customer.occupationClass] ?? customer.occupationClass}
          </Text>
        </Fact>
        <Fact label="Smoker">{customer.smoker ? 'Yes' : 'No'}</Fact>
      </DataList>
    </Panel>
  );
}
