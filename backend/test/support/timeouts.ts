// Tests that start a whole server, spawn a command-line tool or migrate a database of their own take
// seconds on a quiet machine and much longer on a busy one: they get a budget that does not depend on
// how loaded the machine is. Everything else runs under jest's testTimeout (jest.config.js). Five
// minutes: a server started on a fresh database runs every migration and seed first, which took 150 s
// of the old 3-minute budget in a full run on this 2-core machine (and over it beside a second run).
export const PROCESS_TEST_TIMEOUT_MS = 300_000;
