// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token from POST /api/auth/login (15 minutes).',
  });
  registry.registerComponent('securitySchemes', 'portalBearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Customer portal access token from POST /api/portal/auth/login (15 minutes; its own issuer and audience: refused by staff routes).',
  });
  return registry;
}

export function generateOpenApiDocument(registry: OpenAPIRegistry, version: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Policydesk API',
      version,
      description:
        'Insurance customer-service API. Errors are RFC 9457 application/problem+json with a stable `code`. ' +
        'Lists are keyset-paged (`limit`, `cursor` → `{ items, nextCursor }`). Versioned resources use ETag / If-Match.',
    },
  });
}
