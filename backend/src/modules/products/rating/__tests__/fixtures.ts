// The engine is tested on the reference catalog's own term-life definition.
export { termLife } from '../../../../../../seeds/reference/catalog/term-life';
