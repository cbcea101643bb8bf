import { expect } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { createCustomer, uniqueSurname } from './customers';
import type { ApiSession } from './session';

/** A draft application (20-year level term life of 250,000 for a 35-year-old), made through the API. */
export async function draftApplication(request: APIRequestContext, agent: ApiSession): Promise<{ id: string; orderNumber: string }> {
  const year = new Date().getFullYear();
  const customer = await createCustomer(request, agent, { firstName: 'Dale', lastName: uniqueSurname('Draft'), dateOfBirth: `${year - 35}-02-10` });
  const products = await (await request.get('/api/products', { headers: agent.headers })).json();
  const termLife = products.items.find((p: { name: string }) => p.name === 'Level Term Life');
  const quote = await request.post('/api/quotes', {
    headers: agent.headers,
    data: { customerId: customer.id, productId: termLife.id, coverages: [{ code: 'DEATH', sumInsured: 25_000_000 }], termYears: 20, paymentFrequency: 'monthly', save: true },
  });
  expect(quote.status()).toBe(201);
  const order = await request.post('/api/orders', { headers: agent.headers, data: { quoteId: (await quote.json()).id } });
  expect(order.status()).toBe(201);
  return order.json();
}
