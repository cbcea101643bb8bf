// The order in which modules build their shared services: a module comes after every module that
// provides a service it requires. Computed from the declarations, never hand-ordered.

export interface ModuleNode {
  name: string;
  provides?: object;
  requires?: readonly string[];
}

/**
 * The modules in dependency order (stable: otherwise in list order). Throws at start-up when a
 * required service has no provider, when two modules provide the same service, or on a cycle.
 * `available` names services that exist before any module (the platform's).
 */
export function inDependencyOrder<M extends ModuleNode>(modules: readonly M[], available: readonly string[] = []): M[] {
  const providers = new Map<string, M>();
  for (const mod of modules) {
    for (const service of Object.keys(mod.provides ?? {})) {
      const other = providers.get(service);
      if (other || available.includes(service))
        throw new Error(`The service "${service}" is provided twice (by module "${mod.name}" and ${other ? `module "${other.name}"` : 'the platform'})`);
      providers.set(service, mod);
    }
  }
  const dependencies = (mod: M): M[] =>
    (mod.requires ?? []).flatMap((service) => {
      if (available.includes(service)) return [];
      const provider = providers.get(service);
      if (!provider) throw new Error(`Module "${mod.name}" requires the service "${service}", which no module provides`);
      return provider === mod ? [] : [provider];
    });

  const ordered: M[] = [];
  const state = new Map<M, 'visiting' | 'done'>();
  const visit = (mod: M, path: M[]) => {
    if (state.get(mod) === 'done') return;
    if (state.get(mod) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(mod)), mod].map((m) => m.name);
      throw new Error(`Modules require each other's services in a cycle: ${cycle.join(' → ')}`);
    }
    state.set(mod, 'visiting');
    for (const dependency of dependencies(mod)) visit(dependency, [...path, mod]);
    state.set(mod, 'done');
    ordered.push(mod);
  };
  for (const mod of modules) visit(mod, []);
  return ordered;
}
