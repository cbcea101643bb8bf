/** Agents share desks: an unattended console logs itself out. */
export const IDLE_LOGOUT_MINUTES = 15;
export const IDLE_LOGOUT_MS = IDLE_LOGOUT_MINUTES * 60_000;
