// The trail names records by their business numbers, filled in by the audit read from each module's registration.
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { sessionAs } from '../../../../test/support/factories';
import { orderFixtures } from '../../orders/__tests__/order-fixtures';

const t = appForFile();

describe('audit entries name their records', () => {
  it('gives customers, quotes and applications their C-, Q- and O- numbers in one page; a user entry has none', async () => {
    const f = orderFixtures(t);
    const { branch, agent, productId } = await f.team();
    const manager = await sessionAs(t, 'manager', branch);
    const { customer, quote, order } = await f.draft(agent, branch, productId);

    const page = (await request(t.app).get('/api/audit?limit=100').set(manager.auth).expect(200)).body;
    const numberOf = (type: string, id: string) => page.items.find((e: { entityType: string; entityId: string }) => e.entityType === type && e.entityId === id)?.entityNumber;
    expect(numberOf('customer', customer.id)).toBe(customer.customerNumber);
    expect(numberOf('quote', quote.id)).toBe(quote.quoteNumber);
    expect(numberOf('order', order.id)).toBe(order.orderNumber);
    expect(customer.customerNumber).toMatch(/^C-/);
    expect(order.orderNumber).toMatch(/^O-/);
    for (const entry of page.items) if (!['customer', 'quote', 'order', 'policy'].includes(entry.entityType)) expect(entry.entityNumber).toBeNull();
  });
});
