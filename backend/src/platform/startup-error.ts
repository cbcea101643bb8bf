/**
 * A start-up failure the person starting Policydesk can fix (a role with too many rights, a folder the
 * database cannot reach). Its message says what is wrong and what to do; the server prints it as it
 * is, without a stack trace.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
