import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { z } from 'zod';
import { DocumentMeta } from '../../../contracts/documents';
import { withTransaction } from '../../../db';
import type { AppModule } from '../../../platform/module';
import { appForFile } from '../../../../test/support/test-app';
import { downloadDocument, makeBranch, type Session, sessionAs } from '../../../../test/support/factories';
import { MAX_DOCUMENT_BYTES } from '../documents.service';

// A module that takes files, simulated: its records live in a branch, their documents are read by
// whoever holds `audit:read` (managers and admins, not agents), and it uploads and reviews through
// `services.documents` like orders do.
const probeModule: AppModule = {
  name: 'documents-probe',
  register({ api, db, services }) {
    services.documents.registerOwner('probe_record', { readPermission: 'audit:read' });
    const Owner = z.strictObject({ branchId: z.uuid(), recordId: z.uuid() });
    api.route({
      method: 'post',
      path: '/probe-records/:branchId/:recordId/documents',
      summary: 'Test only: upload a document of a probe record',
      tags: ['Test'],
      access: 'authenticated',
      upload: { field: 'file', maxBytes: MAX_DOCUMENT_BYTES },
      request: { params: Owner, body: z.strictObject({ code: z.string() }) },
      responses: { 201: { description: 'Stored', schema: DocumentMeta } },
      handler: async ({ actor, params, body, file }, _req, res) => {
        const doc = await withTransaction(db, (trx) =>
          services.documents.store(trx, actor!, { type: 'probe_record', id: params.recordId, branchId: params.branchId }, body.code, file!),
        );
        res.status(201).json(doc);
      },
    });
    api.route({
      method: 'post',
      path: '/probe-records/:branchId/:recordId/documents/:documentId/review',
      summary: 'Test only: verify or reject a document of a probe record',
      tags: ['Test'],
      access: 'authenticated',
      request: { params: Owner.extend({ documentId: z.uuid() }), body: z.strictObject({ reason: z.string().optional() }) },
      responses: { 200: { description: 'The record’s documents', schema: z.object({ items: z.array(DocumentMeta) }) } },
      handler: async ({ actor, params, body }, _req, res) => {
        const decision = body.reason ? { verified: false as const, reason: body.reason } : { verified: true as const };
        await withTransaction(db, (trx) => services.documents.review(trx, actor!, { type: 'probe_record', id: params.recordId }, params.documentId, decision));
        res.json({ items: await services.documents.forOwner(db, 'probe_record', params.recordId) });
      },
    });
  },
};

const t = appForFile({ modules: [probeModule] });
let branch: string;
let agent: Session;
let manager: Session;

beforeAll(async () => {
  branch = (await makeBranch(t.db)).id;
  agent = await sessionAs(t, 'agent', branch);
  manager = await sessionAs(t, 'manager', branch);
});

const pdf = (text = crypto.randomUUID()) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`);
const upload = (session: Session, recordId: string, bytes: Buffer, filename = 'scan.pdf', code = 'ID') =>
  request(t.app)
    .post(`/api/probe-records/${branch}/${recordId}/documents`)
    .set(session.auth)
    .field('code', code)
    .attach('file', bytes, { filename, contentType: 'application/pdf' });
const download = (session: Session, id: string) => downloadDocument(t.app, session, id);
/** Downloads are read as bytes; a refusal is a problem+json document. */
const problem = (res: { body: Buffer }) => JSON.parse(res.body.toString('utf8'));
const review = (session: Session, recordId: string, documentId: string, reason?: string) =>
  request(t.app)
    .post(`/api/probe-records/${branch}/${recordId}/documents/${documentId}/review`)
    .set(session.auth)
    .send(reason ? { reason } : {});

describe('documents service', () => {
  it('takes the type from the bytes, whatever the name or declared type says (415 UNSUPPORTED_FILE_TYPE otherwise)', async () => {
    const record = crypto.randomUUID();
    const signatures: [number[], string][] = [
      [[0x25, 0x50, 0x44, 0x46, 0x2d], 'application/pdf'],
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
      [[0xff, 0xd8, 0xff], 'image/jpeg'],
      [[0x49, 0x49, 0x2a, 0x00], 'image/tiff'],
      [[0x4d, 0x4d, 0x00, 0x2a], 'image/tiff'],
    ];
    for (const [magic, type] of signatures) {
      const res = await upload(agent, record, Buffer.concat([Buffer.from(magic), crypto.randomBytes(32)]), 'named.pdf').expect(201);
      expect(res.body.contentType).toBe(type);
    }
    const script = await upload(agent, record, Buffer.from('#!/bin/sh\necho hello\n'), 'invoice.pdf').expect(415);
    expect(script.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(script.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(await t.db('documents').where({ owner_type: 'probe_record', owner_id: record }).select('id')).toHaveLength(signatures.length);
  });

  it('refuses a file over 10 MB with 413 and stores nothing', async () => {
    const record = crypto.randomUUID();
    const res = await upload(agent, record, Buffer.concat([pdf(), Buffer.alloc(MAX_DOCUMENT_BYTES)])).expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await t.db('documents').where({ owner_id: record }).select('id')).toHaveLength(0);
  });

  it('stores identical bytes once under their SHA-256, keeps a clean file name, and audits the upload', async () => {
    const record = crypto.randomUUID();
    const bytes = pdf();
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const first = (await upload(agent, record, bytes, '../../etc/pass<wd>.pdf').expect(201)).body;
    const second = (await upload(agent, record, bytes, 'again.pdf').expect(201)).body;
    expect(first).toMatchObject({
      code: 'ID',
      filename: 'pass_wd_.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256,
      status: 'uploaded',
      rejectionReason: null,
      reviewedAt: null,
      uploadedBy: { name: expect.stringMatching(/^Test User/) },
    });
    expect(second.id).not.toBe(first.id);
    const folder = path.join(t.config.documentsDir, sha256.slice(0, 2));
    expect(fs.readdirSync(folder).filter((f) => f.startsWith(sha256))).toEqual([sha256]);
    expect(fs.readFileSync(path.join(folder, sha256))).toEqual(bytes);
    const audit = await t.db('audit_log').where({ action: 'document.upload', entity_id: first.id }).first();
    expect(audit.metadata).toMatchObject({ ownerType: 'probe_record', ownerId: record, code: 'ID', sha256 });
  });

  it('lets only those who may see the owning record download: its read permission (403), its branch (404); each download audited', async () => {
    const record = crypto.randomUUID();
    const bytes = pdf();
    const doc = (await upload(agent, record, bytes, 'statement.pdf').expect(201)).body;
    const got = await download(manager, doc.id).expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe('attachment; filename="statement.pdf"');
    expect(got.headers['cache-control']).toBe('no-store');
    expect(got.body).toEqual(bytes);
    // The uploader's role lacks the owner's read permission.
    expect(problem(await download(agent, doc.id).expect(403)).code).toBe('PERMISSION_DENIED');
    const elsewhere = await sessionAs(t, 'manager');
    await download(elsewhere, doc.id).expect(404);
    await download(manager, crypto.randomUUID()).expect(404);
    expect(await t.db('audit_log').where({ action: 'document.sensitive_read', entity_id: doc.id }).select('actor_user_id')).toHaveLength(1);
  });

  it('refuses the download of a document whose owner type no module registered (403)', async () => {
    const [row] = await t
      .db('documents')
      .insert({
        owner_type: 'unregistered',
        owner_id: crypto.randomUUID(),
        branch_id: branch,
        code: 'X',
        filename: 'x.pdf',
        content_type: 'application/pdf',
        size_bytes: 1,
        sha256: '0'.repeat(64),
        uploaded_by: (await t.db('users').first('id')).id,
        uploaded_at: new Date(),
      })
      .returning('id');
    const admin = await sessionAs(t, 'admin');
    expect(problem(await download(admin, row.id).expect(403)).code).toBe('PERMISSION_DENIED');
  });

  it('is reviewed once: verified or rejected with the reason (409 DOCUMENT_ALREADY_REVIEWED after), only within its own record (404)', async () => {
    const record = crypto.randomUUID();
    const a = (await upload(agent, record, pdf(), 'a.pdf', 'A').expect(201)).body;
    const b = (await upload(agent, record, pdf(), 'b.pdf', 'B').expect(201)).body;
    await review(manager, crypto.randomUUID(), a.id).expect(404);
    const verified = (await review(manager, record, a.id).expect(200)).body.items;
    expect(verified.find((d: { id: string }) => d.id === a.id)).toMatchObject({ status: 'verified', rejectionReason: null, reviewedAt: expect.any(String) });
    expect((await review(manager, record, a.id, 'Too late').expect(409)).body).toMatchObject({ code: 'DOCUMENT_ALREADY_REVIEWED', currentStatus: 'verified' });
    const rejected = (await review(manager, record, b.id, 'Blurred').expect(200)).body.items;
    expect(rejected.find((d: { id: string }) => d.id === b.id)).toMatchObject({ status: 'rejected', rejectionReason: 'Blurred' });
    const actions = (await t.db('audit_log').where({ entity_type: 'document' }).whereIn('entity_id', [a.id, b.id]).orderBy('id')).map((r) => r.action);
    expect(actions).toEqual(['document.upload', 'document.upload', 'document.verify', 'document.reject']);
  });
});
