import request from 'supertest';
import { toOpenApiPath } from '../http';
import { appForFile } from '../../../test/support/test-app';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  /** Express 5 (router 2): the path a router was mounted at. */
  rawPath?: string;
}

const mountPrefix = (layer: Layer) => (!layer.rawPath || layer.rawPath === '/' ? '' : layer.rawPath);

/** Every route Express actually serves, found by walking the routers (not from our own registry). */
function expressRoutes(stack: Layer[], prefix: string, out: string[] = []): string[] {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) out.push(`${method} ${prefix}${layer.route.path}`);
    }
  }
  return out;
}

const t = appForFile();

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and served at /api/openapi.json', async () => {
    const res = await request(t.app).get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.components.schemas.Problem).toBeDefined();
  });

  it('documents every route the app serves', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const appRouter = (t.app as unknown as { router: { stack: Layer[] } }).router;
    const served = [
      ...expressRoutes(appRouter.stack, ''),
      ...appRouter.stack.flatMap((layer) => (layer.handle?.stack ? expressRoutes(layer.handle.stack, mountPrefix(layer)) : [])),
    ];
    expect(served).toEqual(expect.arrayContaining(['get /livez', 'get /api/system/info']));
    expect(served.length).toBeGreaterThan(3);
    const missing = served.filter((entry) => {
      const [method, path] = entry.split(' ') as [string, string];
      return method !== '_all' && !doc.paths[toOpenApiPath(path)]?.[method];
    });
    expect(missing).toEqual([]);
  });

  it('declares an access rule for every route', () => {
    for (const route of t.routes) expect(route.access).toBeDefined();
  });

  it('serves browsable docs at /api/docs', async () => {
    const res = await request(t.app).get('/api/docs/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('swagger-ui');
  });
});
