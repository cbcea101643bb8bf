import type { SpotlightSource } from '@/features/search';
import { MY_WORK_PATH } from './routes';

const WORDS = ['log a call', 'log call', 'call', 'log', 'interaction', 'contact'];
const CUSTOMER_PAGE = /^\/customers\/([0-9a-f-]{36})(?:\/|$)/i;

/**
 * "Log a call" from anywhere (Ctrl/Cmd+K): opens My work with the Log-a-call form, prefilled with
 * the customer whose page is on screen.
 */
export const logCallSpotlightSource: SpotlightSource = {
  id: 'log-call',
  label: 'Actions',
  permission: 'interactions:create',
  search: async (query) => {
    const q = query.trim().toLowerCase();
    // Only for what reads as the start of the action's name, so a search for a customer called Callahan stays one.
    if (q.length < 3 || !WORDS.some((word) => word.startsWith(q))) return [];
    const customerId = CUSTOMER_PAGE.exec(window.location.pathname)?.[1];
    return [
      {
        id: 'log-call',
        label: 'Log a call',
        description: customerId ? 'With the customer on screen' : 'Any channel, with a customer or an unknown contact',
        to: `${MY_WORK_PATH}?log=call${customerId ? `&customer=${customerId}` : ''}`,
      },
    ];
  },
};
