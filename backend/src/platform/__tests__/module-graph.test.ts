import { assertPermissionsDeclared } from '../../app';
import { productModules } from '../../modules';
import type { RegisteredRoute } from '../http';
import { inDependencyOrder, type ModuleNode } from '../module-graph';

const mod = (name: string, provides: string[] = [], requires: string[] = []): ModuleNode => ({ name, provides: Object.fromEntries(provides.map((p) => [p, () => p])), requires });
const names = (modules: ModuleNode[]) => modules.map((m) => m.name);

describe('shared services in dependency order', () => {
  it('puts every provider before the modules that require its services, keeping list order otherwise', () => {
    const orders = mod('orders', [], ['quotes', 'audit']);
    const products = mod('products', ['quotes'], ['customerProfiles']);
    const customers = mod('customers', ['customerProfiles'], ['audit']);
    const audit = mod('audit', ['audit']);
    const system = mod('system');
    expect(names(inDependencyOrder([orders, system, products, customers, audit]))).toEqual(['audit', 'customers', 'products', 'orders', 'system']);
  });

  it('lets a module require what it provides itself, and what the platform has', () => {
    expect(names(inDependencyOrder([mod('customers', ['customerExtensions'], ['customerExtensions', 'fieldCrypto'])], ['fieldCrypto']))).toEqual(['customers']);
  });

  it('fails at start-up, naming the module and the service, when nobody provides a required service', () => {
    expect(() => inDependencyOrder([mod('orders', [], ['quotes'])])).toThrow('Module "orders" requires the service "quotes", which no module provides');
  });

  it('fails at start-up on a cycle, naming it', () => {
    const a = mod('a', ['x'], ['z']);
    const b = mod('b', ['y'], ['x']);
    const c = mod('c', ['z'], ['y']);
    expect(() => inDependencyOrder([a, b, c])).toThrow("Modules require each other's services in a cycle: a → c → b → a");
  });

  it('fails when two modules provide the same service', () => {
    expect(() => inDependencyOrder([mod('a', ['x']), mod('b', ['x'])])).toThrow('The service "x" is provided twice (by module "b" and module "a")');
  });

  it('orders the product modules without error (every requirement has a provider)', () => {
    const ordered = names(inDependencyOrder(productModules, ['fieldCrypto']));
    expect(ordered.indexOf('audit')).toBeLessThan(ordered.indexOf('identity'));
    expect(ordered.indexOf('customers')).toBeLessThan(ordered.indexOf('products'));
    expect(ordered.indexOf('customers')).toBeLessThan(ordered.indexOf('policies'));
    expect(ordered.indexOf('policies')).toBeLessThan(ordered.indexOf('orders'));
  });
});

describe('the permission matrix check', () => {
  const route = (permission: string): RegisteredRoute => ({ method: 'get', path: '/api/x', access: { permission } as RegisteredRoute['access'], matches: () => false });

  it('accepts routes whose permission a module declares', () => {
    expect(() => assertPermissionsDeclared([route('customers:read')], productModules)).not.toThrow();
  });

  it('fails at start-up for a permission no module in the list declares', () => {
    const withoutCustomers = productModules.filter((m) => m.name !== 'customers');
    expect(() => assertPermissionsDeclared([route('customers:read')], withoutCustomers)).toThrow('Routes need permissions no module declares: GET /api/x (customers:read)');
  });

  it('fails when two modules declare the same permission', () => {
    const copy = { name: 'copy', permissions: { 'audit:read': [] }, register: () => undefined };
    expect(() => assertPermissionsDeclared([], [...productModules, copy])).toThrow('The permission audit:read is declared by both module "audit" and module "copy"');
  });
});
