import { z } from 'zod';
import {
  AssessClaimBody,
  AssignClaimBody,
  CLAIM_TRANSITIONS,
  ChangeReserveBody,
  Claim,
  ClaimHistory,
  ClaimListQuery,
  ClaimNote,
  ClaimNoteList,
  ClaimPage,
  ClaimReserves,
  ClaimTransitionBody,
  CoverageCheck,
  CoverageCheckBody,
  CreateClaimBody,
  CreateClaimNoteBody,
  DecideReserveChangeBody,
  DecideReferralBody,
  ReferClaimBody,
  ReviewFastTrackBody,
  type ClaimTransition,
  ClaimPayments,
  PayClaimBody,
  PayBeneficiariesBody,
  CancelInformationRequestBody,
  CreateInformationRequestBody,
  InformationRequestList,
  ReceiveInformationRequestBody,
} from '../../contracts/claims';
import { DocumentMeta, RejectDocumentBody, UploadDocumentFields } from '../../contracts/documents';
import { sendVersioned, setEtag } from '../../platform/http';
import { sendIdempotent } from '../../platform/idempotency';
import type { ModuleContext } from '../../platform/module';
import { MAX_DOCUMENT_BYTES } from '../documents/documents.service';
import type { ClaimsServices } from './claims-services';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const DocumentIds = z.strictObject({ id: z.uuid('Not a valid id'), documentId: z.uuid('Not a valid id') });
const RequestId = z.strictObject({ id: z.uuid('Not a valid id'), requestId: z.uuid('Not a valid id') });
const ChangeId = z.strictObject({ id: z.uuid('Not a valid id'), changeId: z.uuid('Not a valid id') });
const tags = ['Claims'];

const TRANSITION_SUMMARIES: Record<ClaimTransition, string> = {
  submit: 'Submit a draft claim: the processing clock starts and the indemnity reserve is set from the claimed amount (capped at the sum insured)',
  withdraw: 'Withdraw a draft or submitted claim, with the reason',
  'start-investigation': 'Start (or, after a reopening, resume) the investigation; an unassigned claim becomes yours',
  assess: 'Assess the claim (its own body: amounts per coverage and the decision)',
  approve:
    'Approve an assessed claim as assessed (in full) within your claim_amount limit, not having assessed it; above the manager’s limit the first approval is recorded and a second approver with a higher limit decides',
  'partially-approve': 'Approve an assessed claim in part, as assessed, with the reason (the same limits and four-eyes as approve)',
  reject: 'Confirm the assessment’s rejection, with the reason (the clause); not whoever assessed it',
  close: 'Close a paid or rejected claim',
  reopen: 'Reopen a closed claim, with the reason (then start the investigation again)',
};

export function registerClaimRoutes(
  { api }: Pick<ModuleContext, 'api'>,
  { claims, reads, reserves, referrals, payments, documents, informationRequests, fastTrack }: ClaimsServices,
) {
  api.route({
    method: 'post',
    path: '/claims/coverage-check',
    summary: 'The coverage check of a loss on a policy, without recording anything (shown while a first notice is typed)',
    tags,
    access: { permission: 'claims:create' },
    request: { body: CoverageCheckBody },
    responses: {
      200: { description: 'Each check with its result', schema: CoverageCheck },
      400: { description: 'VALIDATION_FAILED, CLAIM_LOSS_IN_FUTURE' },
      404: { description: 'No such policy in your branches' },
    },
    handler: async ({ actor, body }, _req, res) => {
      const { policyFacts: _facts, ...check } = await claims.coverageCheck(actor, body);
      res.json(check);
    },
  });

  api.route({
    method: 'post',
    path: '/claims',
    summary: 'Record a first notice of loss (a draft claim, CL-000001) with its coverage check; a claim failing a check is recorded as coverage doubtful',
    tags,
    access: { permission: 'claims:create' },
    request: { body: CreateClaimBody },
    responses: {
      201: { description: 'Recorded', schema: Claim },
      400: { description: 'VALIDATION_FAILED, CLAIM_LOSS_IN_FUTURE' },
      404: { description: 'No such policy in your branches' },
    },
    handler: async ({ actor, body }, _req, res) => {
      const claim = await claims.create(actor, body);
      res.location(`/api/claims/${claim.id}`);
      sendVersioned(res, claim, 201);
    },
  });

  api.route({
    method: 'get',
    path: '/claims',
    summary: 'Claims in your branches, newest first (filters: status, assignee = me | unassigned, policy, customer)',
    tags,
    access: { permission: 'claims:read' },
    request: { query: ClaimListQuery },
    responses: { 200: { description: 'A page of claims', schema: ClaimPage } },
    handler: async ({ actor, query }, _req, res) => res.json(await reads.list(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/claims/:id',
    summary: 'A claim with its coverage check and reserves',
    tags,
    access: { permission: 'claims:read' },
    request: { params: Id },
    responses: { 200: { description: 'The claim', schema: Claim } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await reads.get(actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/claims/:id/history',
    summary: "A claim's status history, oldest first",
    tags,
    access: { permission: 'claims:read' },
    request: { params: Id },
    responses: { 200: { description: 'The history', schema: ClaimHistory } },
    handler: async ({ actor, params }, _req, res) => res.json({ items: await reads.history(actor, params.id) }),
  });

  for (const [action, rule] of Object.entries(CLAIM_TRANSITIONS) as [ClaimTransition, (typeof CLAIM_TRANSITIONS)[ClaimTransition]][]) {
    if (action === 'assess') continue;
    const decision = action === 'approve' || action === 'partially-approve' || action === 'reject';
    api.route({
      method: 'post',
      path: `/claims/:id/${action}`,
      summary: TRANSITION_SUMMARIES[action],
      description: `From ${rule.from.join(' or ')} to ${rule.to}.`,
      tags,
      access: { permission: rule.permission },
      ifMatch: true,
      request: { params: Id, body: ClaimTransitionBody },
      responses: {
        200: { description: 'Moved', schema: Claim },
        400: { description: 'VALIDATION_FAILED (the reason is missing)' },
        403: {
          description:
            decision && action !== 'reject'
              ? 'APPROVAL_LIMIT_EXCEEDED: the assessed amount is above your claim_amount limit (or, as the first of two approvals, below the manager’s)'
              : 'Not allowed for your role',
        },
        409: {
          description: decision
            ? `CLAIM_INVALID_TRANSITION (with currentStatus), CLAIM_DECISION_MISMATCH (not the assessment’s decision), FOUR_EYES (you assessed it, or gave its first approval)${action === 'reject' ? '' : ', CLAIM_REFERRED (a fraud referral open or upheld)'}`
            : 'CLAIM_INVALID_TRANSITION (with currentStatus)',
        },
      },
      handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await claims.transition(actor, params.id, ifMatch, action, body)),
    });
  }

  api.route({
    method: 'post',
    path: '/claims/:id/assess',
    summary:
      'Assess a claim under investigation: per coverage, the loss less the deductible, capped at the remaining sum insured (earlier claims count); the decision with its reason code',
    description: 'From under_investigation to assessed. Above the manager’s claim_amount limit the decision needs two approvals.',
    tags,
    access: { permission: 'claims:investigate' },
    ifMatch: true,
    request: { params: Id, body: AssessClaimBody },
    responses: {
      200: { description: 'Assessed', schema: Claim },
      400: { description: 'VALIDATION_FAILED, CLAIM_ASSESSMENT_INVALID, CLAIM_COVERAGE_INVALID' },
      409: { description: 'CLAIM_INVALID_TRANSITION (with currentStatus)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await claims.assess(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/claims/:id/assign',
    summary: 'Assign the claim to an adjuster (named), or to the least loaded adjuster of its branch (no assigneeId)',
    tags,
    access: { permission: 'claims:investigate' },
    ifMatch: true,
    request: { params: Id, body: AssignClaimBody },
    responses: {
      200: { description: 'Assigned', schema: Claim },
      400: { description: 'CLAIM_ASSIGNEE_INVALID' },
      409: { description: 'CLAIM_NOT_OPEN, CLAIM_NO_ADJUSTER' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await claims.assign(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/claims/:id/fast-track-review',
    summary: "Review a fast-tracked claim of the daily sample: what the adjuster found (the sample's review flag is cleared)",
    tags,
    access: { permission: 'claims:investigate' },
    ifMatch: true,
    request: { params: Id, body: ReviewFastTrackBody },
    responses: { 200: { description: 'Reviewed', schema: Claim }, 409: { description: 'CLAIM_FAST_TRACK_NOT_IN_REVIEW' } },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await fastTrack.review(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/claims/:id/refer',
    summary: 'Refer a lodged, unsettled claim to a manager for suspected fraud, with the reason: until cleared it is neither approved nor paid',
    tags,
    access: { permission: 'claims:investigate' },
    ifMatch: true,
    request: { params: Id, body: ReferClaimBody },
    responses: {
      200: { description: 'Referred', schema: Claim },
      409: { description: 'CLAIM_NOT_OPEN (a draft, or settled, rejected, closed or withdrawn), CLAIM_ALREADY_REFERRED' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await referrals.refer(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/claims/:id/referral/decision',
    summary:
      "A manager's decision on the claim's open fraud referral, with the reason: clear it (approval and payment may go ahead) or uphold it (the claim is rejected and its reserves released)",
    tags,
    access: { permission: 'claims:referrals' },
    ifMatch: true,
    request: { params: Id, body: DecideReferralBody },
    responses: {
      200: { description: 'Decided', schema: Claim },
      409: { description: 'CLAIM_REFERRAL_NOT_OPEN, FOUR_EYES (whoever referred or submitted it)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await referrals.decideReferral(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'post',
    path: '/claims/:id/documents',
    summary: 'Upload one of the documents the claim’s loss type needs (multipart: `file` — PDF, PNG, JPEG or TIFF up to 10 MB, type checked from the bytes — and `code`)',
    tags,
    access: { permission: 'claims:create' },
    upload: { field: 'file', maxBytes: MAX_DOCUMENT_BYTES },
    request: { params: Id, body: UploadDocumentFields },
    responses: { 201: { description: 'Stored', schema: DocumentMeta }, 409: { description: 'CLAIM_CLOSED (closed or withdrawn)' } },
    handler: async ({ actor, params, body, file }, _req, res) => {
      const doc = await documents.upload(actor, params.id, body.code, file);
      res.status(201).location(`/api/documents/${doc.id}/content`).json(doc);
    },
  });

  api.route({
    method: 'post',
    path: '/claims/:id/documents/:documentId/verify',
    summary: 'Mark an uploaded document of a lodged claim as verified',
    tags,
    access: { permission: 'claims:investigate' },
    request: { params: DocumentIds },
    responses: { 200: { description: 'The claim with its checklist', schema: Claim }, 409: { description: 'DOCUMENT_ALREADY_REVIEWED, CLAIM_CLOSED' } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await documents.review(actor, params.id, params.documentId, { verified: true })),
  });

  api.route({
    method: 'post',
    path: '/claims/:id/documents/:documentId/reject',
    summary: 'Reject an uploaded document, saying why (the claimant sends a new one)',
    tags,
    access: { permission: 'claims:investigate' },
    request: { params: DocumentIds, body: RejectDocumentBody },
    responses: { 200: { description: 'The claim with its checklist', schema: Claim }, 409: { description: 'DOCUMENT_ALREADY_REVIEWED, CLAIM_CLOSED' } },
    handler: async ({ actor, params, body }, _req, res) =>
      sendVersioned(res, await documents.review(actor, params.id, params.documentId, { verified: false, reason: body.reason })),
  });

  api.route({
    method: 'get',
    path: '/claims/:id/notes',
    summary: "The claim's internal investigation notes, oldest first (staff only)",
    tags,
    access: { permission: 'claims:read' },
    request: { params: Id },
    responses: { 200: { description: 'The notes', schema: ClaimNoteList } },
    handler: async ({ actor, params }, _req, res) => res.json({ items: await reads.notes(actor, params.id) }),
  });

  api.route({
    method: 'post',
    path: '/claims/:id/notes',
    summary: 'Add an internal investigation note (never shown in customer-facing documents)',
    tags,
    access: { permission: 'claims:investigate' },
    request: { params: Id, body: CreateClaimNoteBody },
    responses: { 201: { description: 'Added', schema: ClaimNote } },
    handler: async ({ actor, params, body }, _req, res) => res.status(201).json(await claims.addNote(actor, params.id, body.body)),
  });

  api.route({
    method: 'get',
    path: '/claims/:id/reserves',
    summary: "The claim's reserves per coverage and kind, and every change (posted, pending, declined)",
    tags,
    access: { permission: 'claims:read' },
    request: { params: Id },
    responses: { 200: { description: 'The reserves', schema: ClaimReserves } },
    handler: async ({ actor, params }, _req, res) => {
      const held = await reserves.reserves(actor, params.id);
      setEtag(res, held.claimVersion);
      res.json(held);
    },
  });

  api.route({
    method: 'post',
    path: '/claims/:id/reserves',
    summary: 'Change a reserve (coverage × indemnity | expense) with a reason: posted to the ledger, or pending above your claim_amount limit',
    tags,
    access: { permission: 'claims:reserve' },
    ifMatch: true,
    request: { params: Id, body: ChangeReserveBody },
    responses: {
      200: { description: 'Changed (or held pending: see the change’s status)', schema: ClaimReserves },
      400: { description: 'VALIDATION_FAILED, CLAIM_COVERAGE_INVALID' },
      409: { description: 'CLAIM_NOT_OPEN, CLAIM_RESERVE_UNCHANGED, CLAIM_RESERVE_PENDING' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => {
      const held = await reserves.changeReserve(actor, params.id, ifMatch, body);
      setEtag(res, held.claimVersion);
      res.json(held);
    },
  });

  api.route({
    method: 'post',
    path: '/claims/:id/reserve-changes/:changeId/decision',
    summary: 'Approve (post) or decline a pending reserve change: not the requester, and within your claim_amount limit',
    tags,
    access: { permission: 'claims:reserve' },
    ifMatch: true,
    request: { params: ChangeId, body: DecideReserveChangeBody },
    responses: {
      200: { description: 'Decided', schema: ClaimReserves },
      403: { description: 'APPROVAL_LIMIT_EXCEEDED: the claim’s total reserve is above your claim_amount limit' },
      409: { description: 'CLAIM_RESERVE_NOT_PENDING, FOUR_EYES' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => {
      const held = await reserves.decideReserveChange(actor, params.id, params.changeId, ifMatch, body);
      setEtag(res, held.claimVersion);
      res.json(held);
    },
  });

  api.route({
    method: 'get',
    path: '/claims/:id/payments',
    summary: "The claim's payments, what was paid and what may still be paid",
    tags,
    access: { permission: 'claims:read' },
    request: { params: Id },
    responses: { 200: { description: 'The payments', schema: ClaimPayments } },
    handler: async ({ actor, params }, _req, res) => {
      const made = await payments.payments(actor, params.id);
      setEtag(res, made.claimVersion);
      res.json(made);
    },
  });

  api.route({
    method: 'post',
    path: '/claims/:id/payments',
    summary: 'Pay an approved claim, partly or finally (once per Idempotency-Key)',
    description:
      'Pays under one coverage the assessment pays, to the policyholder, a beneficiary, a hospital, a repair shop or a third party, by bank transfer or check, ' +
      'within your claim_amount limit. The total paid never exceeds the approved amount, nor a payment its coverage’s indemnity reserve, whatever runs at the same ' +
      'time. Posted through the ledger (claims reserve → cash clearing; incurred → paid). The final payment (`final`, or the one reaching the approved amount) ' +
      'releases every reserve left and settles the claim (`paid`).',
    tags,
    access: { permission: 'claims:pay' },
    idempotent: 'claims.pay',
    request: { params: Id, body: PayClaimBody },
    responses: {
      201: { description: 'Paid: the claim’s payments', schema: ClaimPayments },
      400: { description: 'VALIDATION_FAILED, CLAIM_COVERAGE_INVALID, CLAIM_PAYEE_INVALID, IDEMPOTENCY_KEY_REQUIRED' },
      403: { description: 'APPROVAL_LIMIT_EXCEEDED: the payment is above your claim_amount limit' },
      409: {
        description:
          'CLAIM_NOT_PAYABLE, CLAIM_REFERRED (a fraud referral open or upheld), CLAIM_PAYMENT_EXCEEDS_APPROVED, CLAIM_PAYMENT_EXCEEDS_RESERVE, IDEMPOTENCY_KEY_IN_FLIGHT',
      },
    },
    handler: async ({ actor, params, body, idempotency }, _req, res) => sendIdempotent(res, await payments.pay(actor, params.id, idempotency, body)),
  });

  api.route({
    method: 'post',
    path: '/claims/:id/beneficiary-payments',
    summary: "Pay a death claim to the policy's beneficiaries by their shares, to the cent (once per Idempotency-Key)",
    description:
      'Splits the amount among the beneficiaries named in the policy’s terms on the loss date: the primary ones who survived the insured (`predeceased` names ' +
      'those who did not; the others take their part pro rata), else the contingent ones. One payment each, in one transaction, under the same caps as a ' +
      'single payment (approved amount, the coverage’s indemnity reserve, your claim_amount limit for the total).',
    tags,
    access: { permission: 'claims:pay' },
    idempotent: 'claims.pay-beneficiaries',
    request: { params: Id, body: PayBeneficiariesBody },
    responses: {
      201: { description: 'Paid: the claim’s payments', schema: ClaimPayments },
      400: { description: 'VALIDATION_FAILED, CLAIM_COVERAGE_INVALID, CLAIM_PAYEE_INVALID (a name not on the policy), IDEMPOTENCY_KEY_REQUIRED' },
      403: { description: 'APPROVAL_LIMIT_EXCEEDED: the total is above your claim_amount limit' },
      409: {
        description:
          'CLAIM_NOT_PAYABLE, CLAIM_NOT_A_DEATH_CLAIM, CLAIM_NO_BENEFICIARY, CLAIM_REFERRED, CLAIM_PAYMENT_EXCEEDS_APPROVED, CLAIM_PAYMENT_EXCEEDS_RESERVE, IDEMPOTENCY_KEY_IN_FLIGHT',
      },
    },
    handler: async ({ actor, params, body, idempotency }, _req, res) => sendIdempotent(res, await payments.payBeneficiaries(actor, params.id, idempotency, body)),
  });

  api.route({
    method: 'get',
    path: '/claims/:id/information-requests',
    summary: "The claim's requests for information to the claimant, oldest first, each with how it was sent and its history",
    tags,
    access: { permission: 'claims:read' },
    request: { params: Id },
    responses: { 200: { description: 'The requests', schema: InformationRequestList } },
    handler: async ({ actor, params }, _req, res) => {
      const list = await informationRequests.list(actor, params.id);
      setEtag(res, list.claimVersion);
      res.json(list);
    },
  });

  api.route({
    method: 'post',
    path: '/claims/:id/information-requests',
    summary: 'Ask the claimant for information (optionally one of the claim’s required documents) by a due date; sent through the outbox in the same transaction',
    description:
      'On a submitted, under-investigation or reopened claim. The due date is today at the earliest and at most 90 days ahead. The request goes to the reporter’s ' +
      'email (else phone, by text) when the first notice gave one, else to the policyholder; with no address nothing is sent and the request says so (phone them).',
    tags,
    access: { permission: 'claims:investigate' },
    ifMatch: true,
    request: { params: Id, body: CreateInformationRequestBody },
    responses: {
      201: { description: 'Requested: the claim’s requests (ETag: the claim’s new version)', schema: InformationRequestList },
      400: { description: 'VALIDATION_FAILED (e.g. a document the claim does not need), CLAIM_INFORMATION_DUE_INVALID (dueOn in the past or over 90 days ahead)' },
      409: { description: 'CLAIM_NOT_OPEN (with currentStatus)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => {
      const list = await informationRequests.create(actor, params.id, ifMatch, body);
      setEtag(res, list.claimVersion);
      res.status(201).json(list);
    },
  });

  api.route({
    method: 'post',
    path: '/claims/:id/information-requests/:requestId/receive',
    summary: 'Mark an open request for information received, with a note on what came in',
    tags,
    access: { permission: 'claims:investigate' },
    ifMatch: true,
    request: { params: RequestId, body: ReceiveInformationRequestBody },
    responses: {
      200: { description: 'Received: the claim’s requests (ETag: the claim’s new version)', schema: InformationRequestList },
      409: { description: 'CLAIM_INFORMATION_REQUEST_CLOSED (received or cancelled already, with currentStatus)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => {
      const list = await informationRequests.receive(actor, params.id, params.requestId, ifMatch, body);
      setEtag(res, list.claimVersion);
      res.json(list);
    },
  });

  api.route({
    method: 'post',
    path: '/claims/:id/information-requests/:requestId/cancel',
    summary: 'Cancel an open request for information, with the reason',
    tags,
    access: { permission: 'claims:investigate' },
    ifMatch: true,
    request: { params: RequestId, body: CancelInformationRequestBody },
    responses: {
      200: { description: 'Cancelled: the claim’s requests (ETag: the claim’s new version)', schema: InformationRequestList },
      409: { description: 'CLAIM_INFORMATION_REQUEST_CLOSED (received or cancelled already, with currentStatus)' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => {
      const list = await informationRequests.cancel(actor, params.id, params.requestId, ifMatch, body);
      setEtag(res, list.claimVersion);
      res.json(list);
    },
  });
}
