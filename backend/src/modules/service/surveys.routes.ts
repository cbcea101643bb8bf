import { z } from 'zod';
import { Case, CsatAnswerBody, PublicSurvey, SurveyAnswerBody, SurveyToken } from '../../contracts/service';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { CasesService } from './cases.service';
import type { SurveysService } from './surveys.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const Answered = z.object({ answered: z.literal(true) }).meta({ id: 'SurveyAnswered' });

export function registerSurveyRoutes({ api }: Pick<ModuleContext, 'api'>, surveys: SurveysService, cases: CasesService) {
  api.route({
    method: 'get',
    path: '/public/surveys/:token',
    summary: 'The survey behind a public link: the question only (no login)',
    tags: ['Surveys'],
    access: 'public',
    request: { params: SurveyToken },
    responses: {
      200: { description: 'The question', schema: PublicSurvey },
      404: { description: 'SURVEY_NOT_FOUND: no survey has this link' },
      409: { description: 'SURVEY_ALREADY_ANSWERED' },
      410: { description: 'SURVEY_EXPIRED: links expire after 14 days' },
    },
    handler: async ({ params }, _req, res) => res.json(await surveys.publicView(params.token)),
  });

  api.route({
    method: 'post',
    path: '/public/surveys/:token',
    summary: 'Answer a survey through its public link, once (no login); only the answer is kept',
    tags: ['Surveys'],
    access: 'public',
    request: { params: SurveyToken, body: SurveyAnswerBody },
    responses: {
      200: { description: 'Thank you', schema: Answered },
      404: { description: 'SURVEY_NOT_FOUND: nothing was stored' },
      409: { description: 'SURVEY_ALREADY_ANSWERED: nothing was stored' },
      410: { description: 'SURVEY_EXPIRED: nothing was stored' },
    },
    handler: async ({ params, body }, _req, res) => {
      await surveys.answerByLink(params.token, body);
      res.json({ answered: true });
    },
  });

  api.route({
    method: 'post',
    path: '/cases/:id/csat',
    summary: 'Record the CSAT answer the customer gave on the phone (the survey of the latest resolution, once)',
    tags: ['Service desk'],
    access: { permission: 'cases:write' },
    request: { params: Id, body: CsatAnswerBody },
    responses: {
      200: { description: 'Recorded', schema: Case },
      409: { description: 'CSAT_NOT_AVAILABLE (not resolved, or suppressed), SURVEY_ALREADY_ANSWERED' },
      410: { description: 'SURVEY_EXPIRED' },
    },
    handler: async ({ actor, params, body }, _req, res) => sendVersioned(res, await cases.recordCsat(actor, params.id, body)),
  });
}
