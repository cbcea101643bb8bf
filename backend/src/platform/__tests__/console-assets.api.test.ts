// The console's files as the server sends them: hashed assets precompressed at build (brotli or
// gzip as the browser accepts, identity otherwise) and cached for a year; index.html for client
// routes, never cached.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

let t: TestApp;
const script = `export const greeting = ${JSON.stringify('hello '.repeat(400))};\n`;

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-console-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Policydesk</title><div id="root"></div>');
  const asset = path.join(dir, 'assets', 'app-Ab12Cd34.js');
  fs.writeFileSync(asset, script);
  fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(script));
  fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(script));
  t = createTestApp({ consoleDir: dir });
});
afterAll(() => t.close());

describe('console assets', () => {
  it('sends the brotli copy to a browser that accepts it, with a year of immutable caching', async () => {
    const res = await request(t.app).get('/assets/app-Ab12Cd34.js').set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // What went over the wire is the brotli copy (the client decompresses it for the test).
    expect(Number(res.headers['content-length'])).toBe(zlib.brotliCompressSync(script).length);
    expect(res.text).toBe(script);
  });

  it('sends gzip to a browser without brotli, and the plain file to one that accepts neither', async () => {
    const gz = await request(t.app).get('/assets/app-Ab12Cd34.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Number(gz.headers['content-length'])).toBe(zlib.gzipSync(script).length);
    expect(gz.text).toBe(script);
    const plain = await request(t.app).get('/assets/app-Ab12Cd34.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(script);
  });

  it('answers 404 for an asset that does not exist, and index.html (not cached) for a client route', async () => {
    const missing = await request(t.app).get('/assets/missing-00000000.js').set('Accept-Encoding', 'br').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    const page = await request(t.app).get('/customers/some-id').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<div id="root">');
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});
