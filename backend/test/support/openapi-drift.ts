// Every response the API tests receive is checked against the published OpenAPI document, so the
// document cannot drift from what the code answers. `createTestApp` installs `openApiDriftRecorder`
// before everything else; it records each response that breaks the document, and the jest setup file
// (fail-on-openapi-drift.ts) fails the test that caused it.
//
// What is checked, for a request whose method and path belong to a documented operation (the most
// specific path template that matches, as the router picks it; HEAD uses GET's operation):
//   - the status is one the operation declares (or its `default`);
//   - the Content-Type is one the declared response lists; a response declared without content sends none;
//   - a JSON body (application/json, application/problem+json, …+json) is valid against the declared
//     schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses, with formats), and a problem's `status`
//     is the HTTP status.
// A request no operation owns (404 ROUTE_NOT_FOUND, 405, OPTIONS, the console's files) is only held
// to the Problem schema when it answers problem+json.
import type { RequestHandler, Response } from 'express';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { match } from 'path-to-regexp';

interface MediaTypeObject {
  schema?: unknown;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
}
interface OperationObject {
  responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  openapi: string;
  paths?: object;
}

export interface ObservedResponse {
  method: string;
  path: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOCUMENT_ID = 'https://policydesk.local/openapi.json';

const mediaType = (contentType: string | undefined) => contentType?.split(';')[0]!.trim().toLowerCase() || undefined;
const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');
export const pointer = (...segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const specificity = (template: string) => template.split('/').map((segment) => (segment.startsWith('{') ? 0 : 1));
const compareSpecificity = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};
const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};
const excerpt = (body: Buffer) => {
  const text = body.toString('utf8');
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
};

/** Checks responses against one OpenAPI 3.1 document. */
export class OpenApiResponseChecker {
  private readonly ajv: Ajv2020;
  private readonly templates: { template: string; matches: (path: string) => boolean; specificity: number[] }[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    if (!/^3\.1\./.test(document.openapi)) throw new Error(`The drift check reads OpenAPI 3.1 documents (JSON Schema 2020-12), not ${document.openapi}`);
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    // OpenAPI's own formats that JSON Schema does not define: anything goes.
    for (const format of ['binary', 'byte', 'int32', 'int64', 'float', 'double', 'password']) this.ajv.addFormat(format, true);
    // The whole document is one schema resource: the responses' `#/components/schemas/…` refs resolve inside it.
    this.ajv.addSchema(document as object, DOCUMENT_ID);
    this.templates = Object.keys(document.paths ?? {}).map((template) => {
      const matcher = match(template.replace(/\{([^}]+)\}/g, ':$1'), { decode: safeDecode });
      return { template, matches: (path: string) => matcher(path) !== false, specificity: specificity(template) };
    });
  }

  /** The documented operation a request reaches: the most specific matching template, then the method. */
  operationOf(method: string, path: string): { template: string; method: string; operation: OperationObject } | undefined {
    const matching = this.templates.filter((t) => t.matches(path));
    if (!matching.length) return undefined;
    const owner = matching.reduce((best, t) => (compareSpecificity(t.specificity, best.specificity) > 0 ? t : best));
    const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    if (!METHODS.includes(m)) return undefined;
    const operation = (this.document.paths as Record<string, Record<string, OperationObject | undefined>> | undefined)?.[owner.template]?.[m];
    return operation ? { template: owner.template, method: m, operation } : undefined;
  }

  private validator(schemaPointer: string): ValidateFunction {
    let validate = this.validators.get(schemaPointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}#${schemaPointer}` });
      this.validators.set(schemaPointer, validate);
    }
    return validate;
  }

  /** Whether `value` is valid against the schema at a JSON pointer into the document (e.g. a request body's). */
  accepts(schemaPointer: string, value: unknown): boolean {
    return this.validator(schemaPointer)(value) === true;
  }

  private validateJson(schemaPointer: string, body: Buffer, status: number, type: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      return [`the ${type} body is not JSON: ${excerpt(body)}`];
    }
    const problems: string[] = [];
    const validate = this.validator(schemaPointer);
    if (!validate(value)) {
      const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      problems.push(`the body does not match ${schemaPointer.replace(/~1/g, '/')}:\n      ${errors.join('\n      ')}\n    body: ${excerpt(body)}`);
    }
    if (type === 'application/problem+json' && (value as { status?: unknown } | null)?.status !== status) {
      problems.push(`the problem's status ${JSON.stringify((value as { status?: unknown } | null)?.status)} is not the HTTP status ${status}`);
    }
    return problems;
  }

  /** What is wrong with one response (empty when it is what the document says). */
  check(r: ObservedResponse): string[] {
    const found = this.operationOf(r.method, r.path);
    const type = mediaType(r.contentType);
    const hasBody = r.body.length > 0;
    if (!found) {
      // Not an operation: the platform's 404/405 answers, OPTIONS, the console. Problems keep their shape.
      if (type === 'application/problem+json') return this.validateJson('/components/schemas/Problem', r.body, r.status, type);
      return [];
    }
    const { template, method, operation } = found;
    const responses = operation.responses ?? {};
    const key =
      String(r.status) in responses ? String(r.status) : `${String(r.status)[0]}XX` in responses ? `${String(r.status)[0]}XX` : 'default' in responses ? 'default' : undefined;
    if (!key) {
      return [
        `${r.status} is not declared for ${method.toUpperCase()} ${template} (declared: ${Object.keys(responses).join(', ')})${hasBody ? `\n    body: ${excerpt(r.body)}` : ''}`,
      ];
    }
    const declared = responses[key]!;
    const content = declared.content ?? {};
    const declaredTypes = Object.keys(content);
    // A HEAD answer carries GET's headers but never a body.
    if (r.method.toUpperCase() === 'HEAD') return [];
    if (!declaredTypes.length) {
      return hasBody || type ? [`${r.status} of ${method.toUpperCase()} ${template} is declared without content, but it sent ${type ?? 'a body'}: ${excerpt(r.body)}`] : [];
    }
    if (!type) {
      return hasBody
        ? [`${r.status} of ${method.toUpperCase()} ${template} sent a body without Content-Type`]
        : [`${r.status} of ${method.toUpperCase()} ${template} sent no body, but the document declares ${declaredTypes.join(', ')}`];
    }
    const declaredType = declaredTypes.find((t) => t.toLowerCase() === type) ?? declaredTypes.find((t) => t === '*/*' || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))));
    if (!declaredType) return [`${r.status} of ${method.toUpperCase()} ${template} answered ${type}, but the document declares ${declaredTypes.join(', ')}`];
    if (!isJson(type) || content[declaredType]!.schema === undefined) return [];
    return this.validateJson(`/${pointer('paths', template, method, 'responses', key, 'content', declaredType, 'schema')}`, r.body, r.status, type);
  }
}

// --- Recording violations during a test run ----------------------------------------------------

const STORE = Symbol.for('policydesk.openApiDrift');
type DriftStore = { violations: string[]; checkers: Map<string, OpenApiResponseChecker> };
const store = (): DriftStore => ((globalThis as Record<symbol, DriftStore>)[STORE] ??= { violations: [], checkers: new Map() });

/** The violations recorded since the last call (and forgets them). */
export function takeDriftViolations(): string[] {
  return store().violations.splice(0);
}

/** One checker per distinct document (most test apps publish the same one). */
function checkerFor(document: OpenApiDocument): OpenApiResponseChecker {
  const key = JSON.stringify(document);
  const checkers = store().checkers;
  let checker = checkers.get(key);
  if (!checker) {
    checker = new OpenApiResponseChecker(document);
    checkers.set(key, checker);
  }
  return checker;
}

const MAX_RECORDED_BYTES = 32 * 1024 * 1024;

/**
 * Express middleware, installed before everything else in test apps: keeps a copy of what each
 * response writes and checks it against the app's document when the response ends.
 */
export function openApiDriftRecorder(documentOf: () => OpenApiDocument): RequestHandler {
  let checker: OpenApiResponseChecker | undefined;
  return (req, res, next) => {
    const method = req.method;
    const path = req.path;
    const url = req.originalUrl;
    const chunks: Buffer[] = [];
    let size = 0;
    let checked = false;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || size > MAX_RECORDED_BYTES) return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as Response['write'];
    res.end = function (this: Response, ...args: unknown[]) {
      if (!checked) {
        checked = true;
        keep(args[0], args[1]);
        try {
          const contentType = res.getHeader('content-type');
          checker ??= checkerFor(documentOf());
          const problems = checker.check({
            method,
            path,
            status: res.statusCode,
            contentType: contentType === undefined ? undefined : String(contentType),
            body: Buffer.concat(chunks),
          });
          if (problems.length) store().violations.push(`${method} ${url} → ${res.statusCode}: ${problems.join('\n  ')}`);
        } catch (err) {
          store().violations.push(`${method} ${url} → ${res.statusCode}: the drift check failed: ${(err as Error).stack ?? err}`);
        }
      }
      return (end as (...args: unknown[]) => Response).apply(this, args);
    } as Response['end'];
    next();
  };
}
