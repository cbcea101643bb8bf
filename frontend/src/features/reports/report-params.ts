// A report's parameters as a form: the API describes them as JSON Schema (from the report's own zod
// schema); this reads the few shapes reports use — dates, choices, whole numbers, text — into fields,
// and the form's text values back into the body the API checks again.

export type ParamField =
  | { name: string; label: string; description?: string; required: boolean; kind: 'date' }
  | { name: string; label: string; description?: string; required: boolean; kind: 'choice'; options: string[] }
  | { name: string; label: string; description?: string; required: boolean; kind: 'integer'; min?: number; max?: number }
  | { name: string; label: string; description?: string; required: boolean; kind: 'text' };

interface PropertySchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  title?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

/** "lossFrom" → "Loss from". */
export function labelOf(name: string): string {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The form's fields, in the schema's order. */
export function paramFields(schema: Record<string, unknown>): ParamField[] {
  const properties = (schema.properties ?? {}) as Record<string, PropertySchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, p]): ParamField => {
    const base = { name, label: p.title ?? labelOf(name), required: required.has(name) && p.default === undefined, ...(p.description ? { description: p.description } : {}) };
    if (Array.isArray(p.enum)) return { ...base, kind: 'choice', options: p.enum.map(String) };
    if (p.type === 'string' && p.format === 'date') return { ...base, kind: 'date' };
    if (p.type === 'integer' || p.type === 'number')
      return { ...base, kind: 'integer', ...(p.minimum === undefined ? {} : { min: p.minimum }), ...(p.maximum === undefined ? {} : { max: p.maximum }) };
    return { ...base, kind: 'text' };
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The body's `params` from the form's values (empty fields left out), or the problems by field. */
export function paramsFromValues(fields: readonly ParamField[], values: Record<string, string>): { params: Record<string, unknown>; errors: Record<string, string> } {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = (values[field.name] ?? '').trim();
    if (!raw) {
      if (field.required) errors[field.name] = 'Required';
      continue;
    }
    if (field.kind === 'date' && !ISO_DATE.test(raw)) errors[field.name] = 'Use the format YYYY-MM-DD';
    else if (field.kind === 'integer') {
      const n = Number(raw);
      if (!Number.isInteger(n)) errors[field.name] = 'A whole number';
      else if (field.min !== undefined && n < field.min) errors[field.name] = `At least ${field.min}`;
      else if (field.max !== undefined && n > field.max) errors[field.name] = `At most ${field.max}`;
      else params[field.name] = n;
      continue;
    }
    params[field.name] = raw;
  }
  return { params, errors };
}
