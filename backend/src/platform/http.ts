// Declaring a route: one object that gives Express the handler (with validation and access checks)
// and gives the OpenAPI document its entry. Modules never call router.get/post directly.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { match } from 'path-to-regexp';
import { z } from 'zod';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Problem, type FieldError } from '../contracts/common';
import type { Access, Actor, CustomerActor } from './actor';
import multer from 'multer';
import {
  BadRequestError,
  ForbiddenError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  PreconditionRequiredError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, readIdempotencyKey, requestFingerprint, type IdempotencyRequest } from './idempotency';
import { nulCharacterErrors, zodIssuesToFieldErrors } from './validation';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type AnyZod = z.ZodType;
type Infer<T> = T extends AnyZod ? z.output<T> : undefined;

export interface ResponseSpec {
  description: string;
  /** The body's schema. An error status (4xx/5xx) without one is a problem+json `Problem`. */
  schema?: AnyZod;
  /** Defaults to application/json (application/problem+json for an error status without a schema); several when the type varies (e.g. a stored file's). */
  contentType?: string | readonly string[];
}

type Upload = { field: string; maxBytes: number };

export interface RouteSpec<
  P extends AnyZod | undefined,
  Q extends AnyZod | undefined,
  B extends AnyZod | undefined,
  A extends Access = Access,
  I extends boolean | undefined = boolean | undefined,
  U extends Upload | undefined = Upload | undefined,
  O extends string | undefined = string | undefined,
> {
  method: Method;
  /** Express-style path relative to the registrar's base, e.g. `/customers/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  access: A;
  request?: { params?: P; query?: Q; body?: B };
  /** The resource is versioned: a missing If-Match answers 428; the parsed version is passed in. */
  ifMatch?: I;
  /**
   * The route moves money: it requires an `Idempotency-Key` header (400 when missing or malformed)
   * and hands the handler `idempotency` (this operation name, the caller, the key, the request's
   * hash) for the service's `services.idempotency.run`. Names the operation, e.g. `payments.create`.
   */
  idempotent?: O;
  /** Reachable while the caller must still change a temporary password (own profile, password, logout). */
  allowDuringPasswordChange?: boolean;
  /** Reachable while the caller must still set up two-factor sign-in (own profile, the enrolment, sessions). */
  allowDuringMfaEnrollment?: boolean;
  /** Express middleware run before anything else for this route (e.g. a stricter rate limit). */
  before?: RequestHandler[];
  /**
   * The body is multipart/form-data with one file in `field` (at most `maxBytes`, else 413), read
   * into memory only after the access check; the other form fields are validated by `request.body`.
   */
  upload?: U;
  responses: Record<number, ResponseSpec>;
  handler: (input: HandlerInput<P, Q, B, A, I, U, O>, req: Request, res: Response) => Promise<unknown> | unknown;
}

/** What a handler gets: what the route declared is present (the checks ran before the handler). */
export interface HandlerInput<
  P,
  Q,
  B,
  A extends Access = Access,
  I extends boolean | undefined = boolean | undefined,
  U extends Upload | undefined = Upload | undefined,
  O extends string | undefined = string | undefined,
> {
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  /** The version from If-Match: a number on routes that declare `ifMatch: true`. */
  ifMatch: I extends true ? number : undefined;
  /** The staff caller: always there on staff routes, possibly on public ones, never on customer routes. */
  actor: A extends 'public' ? Actor | undefined : A extends 'customer' ? undefined : Actor;
  /** The portal customer: always there on customer routes, never elsewhere. */
  customer: A extends 'customer' ? CustomerActor : undefined;
  /** The uploaded file of an `upload` route. */
  file: U extends Upload ? UploadedFile : undefined;
  /** The checked Idempotency-Key with its scope: present on routes that declare `idempotent`. */
  idempotency: O extends string ? IdempotencyRequest : undefined;
}

export interface UploadedFile {
  originalName: string;
  /** What the client claimed; never trusted for the type. */
  declaredType: string;
  bytes: Buffer;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Reads one multipart file into memory, mapping multer's limits to problem responses. */
function readUpload(req: Request, res: Response, upload: { field: string; maxBytes: number }): Promise<void> {
  const middleware = multer({ storage: multer.memoryStorage(), limits: { fileSize: upload.maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024 } }).single(upload.field);
  return new Promise((resolve, reject) =>
    middleware(req, res, (err: unknown) => {
      if (!err) return resolve();
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return reject(new PayloadTooLargeError(megabytes(upload.maxBytes)));
        return reject(new ValidationError([{ path: err.field ?? upload.field, message: err.message }], 'The upload is not well formed.'));
      }
      reject(new BadRequestError('MALFORMED_MULTIPART', 'The multipart body could not be read.'));
    }),
  );
}

export interface RegisteredRoute {
  method: Method;
  /** Full Express path, e.g. `/api/customers/:id`. */
  path: string;
  access: Access;
  matches: (path: string) => boolean;
}

/** Decodes a path segment, keeping malformed escapes (`%E0%A4%A`) as they are instead of throwing. */
const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * How specific a route template is, segment by segment: a literal beats a parameter, so
 * `/customers/search` owns that path even though `/customers/:id` matches it too.
 */
const specificity = (template: string) => template.split('/').map((segment) => (segment.startsWith(':') || segment.startsWith('*') ? 0 : 1));
const compareSpecificity = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/** An If-Match value: `"3"`, `W/"3"` or `3` (the document publishes this pattern). */
const IF_MATCH_PATTERN = /^(?:W\/)?"?(\d{1,9})"?$/;

/** Parses `"3"`, `W/"3"` or `3` into a version number. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = IF_MATCH_PATTERN.exec(header.trim());
  if (!m) throw new BadRequestError('INVALID_IF_MATCH', 'If-Match must be the ETag you received, e.g. "3".');
  return Number(m[1]);
}

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

function checkAccess(access: Access, req: Request, allowDuringPasswordChange: boolean, allowDuringMfaEnrollment: boolean) {
  if (access === 'public') return;
  // The portal realm: only a portal token makes `req.customer`; a staff token here is refused, as a
  // portal token is on every staff route (it never makes `req.actor`).
  if (access === 'customer') {
    if (req.customerAuthFailure) throw req.customerAuthFailure;
    if (!req.customer) throw new UnauthorizedError();
    return;
  }
  if (req.authFailure) throw req.authFailure;
  const actor = req.actor;
  if (!actor) throw new UnauthorizedError();
  if (actor.mustChangePassword && !allowDuringPasswordChange) {
    throw new ForbiddenError('PASSWORD_CHANGE_REQUIRED', 'Change your temporary password before doing anything else.');
  }
  if (actor.mfaEnrollmentRequired && !allowDuringMfaEnrollment) {
    throw new ForbiddenError('MFA_ENROLLMENT_REQUIRED', 'Set up two-factor sign-in before doing anything else.');
  }
  if (access === 'authenticated') return;
  if (!actor.permissions.has(access.permission)) {
    throw new ForbiddenError('PERMISSION_DENIED', `Your role may not do this (needs ${access.permission}).`, { permission: access.permission });
  }
}

/** A permission denial hook (the audit trail records denials once Identity is in place). */
export type DenialListener = (req: Request, access: Access, err: Error) => void | Promise<void>;

/**
 * Collects the routes of one base path (e.g. `/api`) into an Express router and the OpenAPI registry.
 */
export class RouteRegistrar {
  readonly router = express.Router();
  readonly routes: RegisteredRoute[] = [];
  private readonly denialListeners: DenialListener[] = [];

  constructor(
    readonly basePath: string,
    private readonly registry: OpenAPIRegistry,
  ) {
    this.router.use(this.methodGuard);
  }

  onDenied(listener: DenialListener) {
    this.denialListeners.push(listener);
  }

  route<
    P extends AnyZod | undefined = undefined,
    Q extends AnyZod | undefined = undefined,
    B extends AnyZod | undefined = undefined,
    const A extends Access = Access,
    I extends boolean | undefined = undefined,
    U extends Upload | undefined = undefined,
    const O extends string | undefined = undefined,
  >(spec: RouteSpec<P, Q, B, A, I, U, O>): void {
    const fullPath = `${this.basePath}${spec.path}`;
    if (spec.idempotent !== undefined && (spec.access === 'public' || spec.upload || spec.method === 'get')) {
      throw new Error(`Route ${spec.method.toUpperCase()} ${fullPath}: an idempotent route is a JSON write with a known caller (keys are scoped by caller)`);
    }
    if (this.routes.some((r) => r.method === spec.method && r.path === fullPath)) {
      throw new Error(`Route ${spec.method.toUpperCase()} ${fullPath} is declared twice`);
    }
    const matcher = match(fullPath, { decode: safeDecode });
    this.routes.push({ method: spec.method, path: fullPath, access: spec.access, matches: (p) => matcher(p) !== false });
    this.document(spec, fullPath);

    const { params: paramsSchema, query: querySchema, body: bodySchema } = spec.request ?? {};
    const handler: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
      // The template (never the concrete path) names the request in metrics.
      res.locals.routeTemplate = fullPath;
      try {
        checkAccess(spec.access, req, spec.allowDuringPasswordChange ?? false, spec.allowDuringMfaEnrollment ?? false);
      } catch (err) {
        if (err instanceof ForbiddenError) await Promise.all(this.denialListeners.map((l) => l(req, spec.access, err)));
        throw err;
      }
      if (spec.upload) {
        if (!req.is('multipart/form-data')) throw new UnsupportedMediaTypeError('multipart/form-data');
        await readUpload(req, res, spec.upload);
      } else if (bodySchema && hasBody(req) && !req.is('application/json')) {
        throw new UnsupportedMediaTypeError('application/json');
      }
      // PostgreSQL cannot store NUL in text (22021): refuse it here, for every route, naming the field.
      const fieldErrors: FieldError[] = [
        ...nulCharacterErrors(req.params, 'path'),
        ...nulCharacterErrors(req.query, 'query'),
        ...nulCharacterErrors(req.body, 'body'),
        ...(spec.upload && req.file ? nulCharacterErrors({ [spec.upload.field]: req.file.originalname }, 'body') : []),
      ];
      if (fieldErrors.length) throw new ValidationError(fieldErrors);
      const parse = (schema: AnyZod | undefined, value: unknown, location: string) => {
        if (!schema) return undefined;
        const result = schema.safeParse(value);
        if (result.success) return result.data;
        fieldErrors.push(...zodIssuesToFieldErrors(result.error.issues, location));
        return undefined;
      };
      const input = {
        params: parse(paramsSchema, req.params, 'path'),
        query: parse(querySchema, req.query, 'query'),
        body: parse(bodySchema, req.body ?? {}, 'body'),
        ifMatch: spec.ifMatch ? parseIfMatch(req.headers['if-match']) : undefined,
        actor: spec.access === 'customer' ? undefined : req.actor,
        customer: spec.access === 'customer' ? req.customer : undefined,
        file: req.file ? { originalName: req.file.originalname, declaredType: req.file.mimetype, bytes: req.file.buffer } : undefined,
        idempotency: undefined,
      } as HandlerInput<P, Q, B, A, I, U, O>;
      if (spec.upload && !input.file) fieldErrors.push({ path: spec.upload.field, message: 'Attach a file' });
      if (fieldErrors.length) throw new ValidationError(fieldErrors);
      if (spec.ifMatch && input.ifMatch === undefined) throw new PreconditionRequiredError();
      if (spec.idempotent !== undefined) {
        // The hash covers the request as sent (before defaults and coercions) on its concrete path.
        const idempotency: IdempotencyRequest = {
          operation: spec.idempotent,
          actorId: spec.access === 'customer' ? req.customer!.accountId : req.actor!.userId,
          key: readIdempotencyKey(req),
          fingerprint: requestFingerprint({ method: req.method, path: req.originalUrl.split('?')[0]!, query: req.query, body: req.body ?? null }),
        };
        (input as { idempotency: IdempotencyRequest }).idempotency = idempotency;
      }
      await spec.handler(input, req, res);
      // A client that hung up leaves a destroyed response that never sends: not a handler bug.
      // (An answer whose end waits for read-your-writes' WAL position counts as sent: platform/read-router.ts.)
      if (!res.headersSent && !res.destroyed && !res.locals.endPending) next(new Error(`${spec.method.toUpperCase()} ${fullPath} sent no response`));
    };
    this.router[spec.method](spec.path, ...(spec.before ?? []), handler);
  }

  private document(
    spec: RouteSpec<AnyZod | undefined, AnyZod | undefined, AnyZod | undefined, Access, boolean | undefined, Upload | undefined, string | undefined>,
    fullPath: string,
  ) {
    const responses: RouteConfig['responses'] = {};
    const idempotent = spec.idempotent !== undefined;
    for (const [status, r] of Object.entries(spec.responses)) {
      const types = typeof r.contentType === 'string' ? [r.contentType] : (r.contentType ?? []);
      if (r.schema || types.length) {
        // A file or CSV without a schema is a string of that type.
        const schema = r.schema ?? z.string();
        responses[status] = { description: r.description, content: Object.fromEntries((types.length ? types : ['application/json']).map((t) => [t, { schema }])) };
      } else {
        // Errors are problem+json (the problem handler sends every one); a success without a schema has no body.
        responses[status] = Number(status) >= 400 ? problemResponse(r.description) : { description: r.description };
      }
      if (idempotent && Number(status) < 400) {
        responses[status].headers = {
          [IDEMPOTENT_REPLAYED_HEADER]: {
            description: '`true` when this is the stored answer to an earlier request with the same key',
            schema: { type: 'string', enum: ['true'] },
          },
        };
      }
    }
    const body = spec.request?.body;
    if (body || spec.request?.query || spec.request?.params) responses[400] ??= problemResponse('Invalid request (see `errors`)');
    if (spec.access !== 'public') {
      responses[401] ??= problemResponse('Not authenticated');
      responses[403] ??= problemResponse('Not permitted');
    }
    if (spec.request?.params) responses[404] ??= problemResponse('Not found or outside your branch scope');
    // Every write can meet a unique or foreign key conflict, or lose a serialization race (db-errors.ts).
    if (spec.method !== 'get') responses[409] ??= problemResponse('Conflict: DUPLICATE, REFERENCE_CONFLICT or CONCURRENT_UPDATE (try again)');
    if (spec.ifMatch) {
      responses[412] ??= problemResponse('Stale If-Match: the record changed');
      responses[428] ??= problemResponse('If-Match is required');
    }
    if (idempotent) {
      responses[400] ??= problemResponse('Invalid request (see `errors`)');
      responses[409] ??= problemResponse('A request with this Idempotency-Key is still in progress (IDEMPOTENCY_KEY_IN_FLIGHT); retry shortly');
      responses[422] ??= problemResponse('This Idempotency-Key was used for a different request (IDEMPOTENCY_KEY_REUSED)');
    }
    if (spec.upload) {
      responses[413] ??= problemResponse(`File over ${megabytes(spec.upload.maxBytes)}`);
      responses[415] ??= problemResponse('Body is not multipart/form-data, or the file type is not accepted');
    } else if (body) {
      responses[413] ??= problemResponse('Body over 1 MB');
      responses[415] ??= problemResponse('Body is not application/json');
    }
    // The per-IP limit covers /api only; health probes and the console are never limited.
    if (fullPath.startsWith('/api/')) responses[429] ??= problemResponse('Rate limited (see Retry-After)');
    responses[500] ??= problemResponse('Unexpected error');
    // Checking the caller reads the database: without it every non-public route answers 503.
    // (Public routes that use the database declare their 503 themselves.)
    if (spec.access !== 'public') responses[503] ??= problemResponse('The database is unavailable or too slow (SERVICE_UNAVAILABLE, see Retry-After)');

    this.registry.registerPath({
      method: spec.method,
      path: toOpenApiPath(fullPath),
      summary: spec.summary,
      description: spec.description,
      tags: spec.tags,
      security: spec.access === 'public' ? [] : spec.access === 'customer' ? [{ portalBearerAuth: [] }] : [{ bearerAuth: [] }],
      'x-permission': typeof spec.access === 'object' ? spec.access.permission : spec.access,
      request: {
        params: spec.request?.params as never,
        query: spec.request?.query as never,
        headers: spec.ifMatch || idempotent ? (requestHeaders(spec.ifMatch ?? false, idempotent) as never) : undefined,
        body: spec.upload
          ? { required: true, content: { 'multipart/form-data': { schema: (body ?? z.object({})).and(z.object({ [spec.upload.field]: z.string().meta({ format: 'binary' }) })) } } }
          : body
            ? { required: true, content: { 'application/json': { schema: body } } }
            : undefined,
      },
      responses,
    } as RouteConfig);
  }

  /**
   * The methods of the route template that owns `path` (the most specific one that matches), for
   * 405 and OPTIONS answers. Empty when no registered route matches.
   */
  allowedMethods(path: string): string[] {
    const matching = this.routes.filter((r) => r.matches(path));
    if (!matching.length) return [];
    const owner = matching.reduce((best, r) => (compareSpecificity(specificity(r.path), specificity(best.path)) > 0 ? r : best)).path;
    const methods = new Set(matching.filter((r) => r.path === owner).map((r) => r.method.toUpperCase()));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods];
  }

  /**
   * Runs before every route of this registrar: a method the owning route template does not have is
   * a 405 with its Allow (Express would otherwise hand `PATCH /customers/search` to
   * `PATCH /customers/:id`), and OPTIONS answers that Allow instead of Express's guess.
   */
  private methodGuard: RequestHandler = (req, res, next) => {
    const allowed = this.allowedMethods(`${this.basePath}${req.path}`);
    if (!allowed.length) return next();
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', allowed.join(', '));
      res.status(204).end();
      return;
    }
    if (!allowed.includes(req.method)) return next(new MethodNotAllowedError(req.method, allowed));
    next();
  };
}

function requestHeaders(ifMatch: boolean, idempotent: boolean) {
  return z.object({
    ...(ifMatch ? { 'if-match': z.string().regex(IF_MATCH_PATTERN).meta({ description: 'ETag of the version you read, e.g. "3" (missing: 428; malformed: 400)' }) } : {}),
    ...(idempotent
      ? {
          [IDEMPOTENCY_KEY_HEADER]: z
            .string()
            .regex(/^[\x20-\x7e]{1,255}$/)
            .meta({
              description:
                'A unique value per intended operation (e.g. a UUID), reused on every retry of it. The same key and request replay the first answer ' +
                '(`Idempotent-Replayed: true`); kept at least 24 hours per caller and operation.',
            }),
        }
      : {}),
  });
}

/** Sets the ETag of a versioned resource. */
export function setEtag(res: Response, version: number) {
  res.setHeader('ETag', `"${version}"`);
}

/** Sends a versioned record with its version as the ETag (clients send it back in If-Match). */
export function sendVersioned(res: Response, record: { version: number }, status = 200) {
  setEtag(res, record.version);
  res.status(status).json(record);
}
