// Tests that start a whole server, spawn a command-line tool or migrate a database of their own take
// seconds on a quiet machine and much longer on a busy one: they get a budget that does not depend on
// how loaded the machine is. Everything else runs under jest's testTimeout (jest.config.js).
export const PROCESS_TEST_TIMEOUT_MS = 180_000;
