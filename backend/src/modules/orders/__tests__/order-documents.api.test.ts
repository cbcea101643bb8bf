import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { appForFile } from '../../../../test/support/test-app';
import { downloadDocument, type Session, sessionAs } from '../../../../test/support/factories';
import { completion, orderFixtures, pdf } from './order-fixtures';

const t = appForFile();
const f = orderFixtures(t);
let agent: Session;
let underwriter: Session;
let branch: string;
let productId: string;

beforeAll(async () => {
  ({ branch, agent, underwriter, productId } = await f.team());
});

const download = (session: Session, id: string) => downloadDocument(t.app, session, id);

describe('order documents', () => {
  it('shows the product’s required documents as a checklist and refuses submission while any is missing', async () => {
    const { order } = await f.draft(agent, branch, productId);
    expect(order.documents).toEqual([
      { code: 'PROOF_OF_IDENTITY', name: expect.any(String), status: 'missing', document: null, waiver: null },
      { code: 'SIGNED_APPLICATION', name: expect.any(String), status: 'missing', document: null, waiver: null },
    ]);
    const filled = (await f.patch(agent, order.id, order.version, completion).expect(200)).body;
    await f.upload(agent, order.id, 'PROOF_OF_IDENTITY').expect(201);
    const refused = await f.step(agent, order.id, 'submit', filled.version).expect(409);
    expect(refused.body).toMatchObject({ code: 'DOCUMENTS_MISSING', missing: [{ code: 'SIGNED_APPLICATION', status: 'missing' }] });
    await f.upload(agent, order.id, 'SIGNED_APPLICATION').expect(201);
    await f.step(agent, order.id, 'submit', filled.version).expect(200);
  });

  it('stores the file by its SHA-256, and lets only those who may see the order download it', async () => {
    const { order } = await f.draft(agent, branch, productId);
    const bytes = pdf(`passport ${crypto.randomUUID()}`);
    const res = await f.upload(agent, order.id, 'PROOF_OF_IDENTITY', bytes, 'passport scan.pdf').expect(201);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    expect(res.body).toMatchObject({
      code: 'PROOF_OF_IDENTITY',
      filename: 'passport scan.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256,
      status: 'uploaded',
      uploadedBy: { name: expect.stringMatching(/\S/) },
    });
    expect(fs.readFileSync(path.join(t.config.documentsDir, sha256.slice(0, 2), sha256))).toEqual(bytes);
    const got = await download(underwriter, res.body.id).expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe('attachment; filename="passport scan.pdf"');
    expect(got.body).toEqual(bytes);
    const outsider = await sessionAs(t, 'agent');
    await download(outsider, res.body.id).expect(404);
    expect(await t.db('audit_log').where({ action: 'document.sensitive_read', entity_id: res.body.id }).select('id')).toHaveLength(1);
  });

  it('checks the type from the bytes: a renamed executable is refused with 415; 11 MB with 413; JSON with 415; no file or an unknown document with 400', async () => {
    const { order } = await f.draft(agent, branch, productId);
    const executable = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), crypto.randomBytes(512)]);
    const spoofed = await f.upload(agent, order.id, 'PROOF_OF_IDENTITY', executable, 'passport.pdf').expect(415);
    expect(spoofed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(spoofed.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    const big = Buffer.concat([pdf(), Buffer.alloc(11 * 1024 * 1024)]);
    expect((await f.upload(agent, order.id, 'PROOF_OF_IDENTITY', big).expect(413)).body.code).toBe('PAYLOAD_TOO_LARGE');
    await request(t.app).post(`/api/orders/${order.id}/documents`).set(agent.auth).send({ code: 'PROOF_OF_IDENTITY' }).expect(415);
    const noFile = await request(t.app).post(`/api/orders/${order.id}/documents`).set(agent.auth).field('code', 'PROOF_OF_IDENTITY').expect(400);
    expect(noFile.body.errors).toEqual([{ path: 'file', message: 'Attach a file' }]);
    const unknown = await f.upload(agent, order.id, 'BIRTH_CHART').expect(400);
    expect(unknown.body.errors[0].path).toBe('code');
    // PNG, JPEG and TIFF are accepted by their signatures too.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);
    expect((await f.upload(agent, order.id, 'PROOF_OF_IDENTITY', png, 'id.png').expect(201)).body.contentType).toBe('image/png');
    const tiff = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00]), crypto.randomBytes(64)]);
    expect((await f.upload(agent, order.id, 'PROOF_OF_IDENTITY', tiff, 'id.tif').expect(201)).body.contentType).toBe('image/tiff');
    expect(await t.db('documents').where({ owner_id: order.id }).select('id')).toHaveLength(2);
  });

  it('underwriters verify or reject; a rejected document is replaced by a new upload', async () => {
    const { order } = await f.takenForReview(agent, underwriter, branch, productId);
    const [identity, signed] = order.documents;
    await request(t.app).post(`/api/orders/${order.id}/documents/${identity.document.id}/verify`).set(agent.auth).expect(403);
    const verified = (await request(t.app).post(`/api/orders/${order.id}/documents/${identity.document.id}/verify`).set(underwriter.auth).expect(200)).body;
    expect(verified.documents[0].status).toBe('verified');
    expect((await request(t.app).post(`/api/orders/${order.id}/documents/${identity.document.id}/verify`).set(underwriter.auth).expect(409)).body.code).toBe(
      'DOCUMENT_ALREADY_REVIEWED',
    );
    const rejected = (await request(t.app).post(`/api/orders/${order.id}/documents/${signed.document.id}/reject`).set(underwriter.auth).send({ reason: 'Not signed' }).expect(200))
      .body;
    expect(rejected.documents[1]).toMatchObject({ status: 'rejected', document: { rejectionReason: 'Not signed' } });
    await f.upload(agent, order.id, 'SIGNED_APPLICATION', pdf('signed this time')).expect(201);
    const after = (await request(t.app).get(`/api/orders/${order.id}`).set(agent.auth).expect(200)).body;
    expect(after.documents[1]).toMatchObject({ status: 'uploaded', document: { rejectionReason: null } });
    const actions = (await t.db('audit_log').where({ entity_type: 'document' }).whereIn('entity_id', [identity.document.id, signed.document.id]).orderBy('id')).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['document.upload', 'document.verify', 'document.reject']));
  });
});
