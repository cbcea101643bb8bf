import { z } from 'zod';
import {
  ChangeCustomerStatusBody,
  CreateCustomerBody,
  Customer,
  CustomerPage,
  CustomerSearchBody,
  CustomerSearchQuery,
  NationalIdReveal,
  UpdateCustomerBody,
} from '../../contracts/customers';
import { setEtag } from '../../platform/http';
import type { AppModule } from '../../platform/module';
import { CustomersService } from './customers.service';

const CustomerId = z.strictObject({ id: z.uuid('Not a valid customer id') });

export const customersModule: AppModule = {
  name: 'customers',
  register({ api, db, clock, services }) {
    const customers = new CustomersService(db, clock, services.audit, services.fieldCrypto);

    api.route({
      method: 'get',
      path: '/customers',
      summary: 'Search customers by name (typo-tolerant), email, phone fragment or number, with filters',
      description: '`q` shorter than 2 characters needs another filter. Ranked by relevance, then name. The national id is searched only through POST /api/customers/search.',
      tags: ['Customers'],
      access: { permission: 'customers:read' },
      request: { query: CustomerSearchQuery },
      responses: { 200: { description: 'A page of customers', schema: CustomerPage } },
      handler: async ({ actor, query }, _req, res) => res.json(await customers.search(actor!, query)),
    });

    api.route({
      method: 'post',
      path: '/customers/search',
      summary: 'Search customers with the criteria in the body (adds national id, which never goes in a URL)',
      tags: ['Customers'],
      access: { permission: 'customers:read' },
      request: { body: CustomerSearchBody },
      responses: { 200: { description: 'A page of customers', schema: CustomerPage } },
      handler: async ({ actor, body }, _req, res) => res.json(await customers.search(actor!, body)),
    });

    api.route({
      method: 'post',
      path: '/customers',
      summary: 'Create a customer (status prospect)',
      tags: ['Customers'],
      access: { permission: 'customers:create' },
      request: { body: CreateCustomerBody },
      responses: { 201: { description: 'Created', schema: Customer } },
      handler: async ({ actor, body }, _req, res) => {
        const customer = await customers.create(actor!, body);
        setEtag(res, customer.version);
        res.status(201).location(`/api/customers/${customer.id}`).json(customer);
      },
    });

    api.route({
      method: 'get',
      path: '/customers/:id',
      summary: 'One customer (a sensitive read: audited); the national id is masked',
      tags: ['Customers'],
      access: { permission: 'customers:read' },
      request: { params: CustomerId },
      responses: { 200: { description: 'The customer (ETag = version)', schema: Customer } },
      handler: async ({ actor, params }, _req, res) => {
        const customer = await customers.get(actor!, params.id);
        setEtag(res, customer.version);
        res.json(customer);
      },
    });

    api.route({
      method: 'patch',
      path: '/customers/:id',
      summary: 'Change customer fields (If-Match required)',
      tags: ['Customers'],
      access: { permission: 'customers:update' },
      ifMatch: true,
      request: { params: CustomerId, body: UpdateCustomerBody },
      responses: { 200: { description: 'Updated', schema: Customer }, 409: { description: 'CUSTOMER_MERGED' } },
      handler: async ({ actor, params, body, ifMatch }, _req, res) => {
        const customer = await customers.update(actor!, params.id, ifMatch!, body);
        setEtag(res, customer.version);
        res.json(customer);
      },
    });

    api.route({
      method: 'post',
      path: '/customers/:id/status',
      summary: 'Change the status with a reason (prospect → active → inactive / deceased …)',
      tags: ['Customers'],
      access: { permission: 'customers:change-status' },
      ifMatch: true,
      request: { params: CustomerId, body: ChangeCustomerStatusBody },
      responses: { 200: { description: 'Changed', schema: Customer }, 409: { description: 'ILLEGAL_STATUS_CHANGE with currentStatus' } },
      handler: async ({ actor, params, body, ifMatch }, _req, res) => {
        const customer = await customers.changeStatus(actor!, params.id, ifMatch!, body.status, body.reason);
        setEtag(res, customer.version);
        res.json(customer);
      },
    });

    api.route({
      method: 'get',
      path: '/customers/:id/national-id',
      summary: 'The full national id (senior agents and above; audited)',
      tags: ['Customers'],
      access: { permission: 'customers:unmask' },
      request: { params: CustomerId },
      responses: { 200: { description: 'The unmasked value', schema: NationalIdReveal } },
      handler: async ({ actor, params }, _req, res) => res.json({ nationalId: await customers.revealNationalId(actor!, params.id) }),
    });
  },
};
