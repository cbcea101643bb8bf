// Jest setup (setupFilesAfterEnv): a test fails when a response it received breaks the OpenAPI
// document (see openapi-drift.ts); so does a file whose hooks received one.
import { takeDriftViolations } from './openapi-drift';

const failOnDrift = (when: string) => {
  const violations = takeDriftViolations();
  if (violations.length) {
    throw new Error(`OpenAPI drift ${when}: ${violations.length} response(s) do not match the published document.\n\n${violations.join('\n\n')}`);
  }
};

beforeEach(() => failOnDrift('before this test (in a beforeAll hook or an earlier test still running)'));
afterEach(() => failOnDrift('in this test'));
afterAll(() => failOnDrift('after the last test (in an afterAll hook)'));
