// Loads a module chosen at run time (a migration or seed file found on disk, an untyped package),
// through Node's own CommonJS loader: TypeScript sources under tsx, compiled JavaScript in production.
import { createRequire } from 'node:module';

const loader = createRequire(__filename);

export function loadModule<T>(pathOrPackage: string): T {
  return loader(pathOrPackage) as T;
}
