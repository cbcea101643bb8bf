/** The quote pages under the customer page's Quotes tab. */
export const customerQuotesPath = (customerId: string) => `/customers/${customerId}/quotes`;
export const newQuotePath = (customerId: string) => `/customers/${customerId}/quotes/new`;
export const compareQuotesPath = (customerId: string) => `/customers/${customerId}/quotes/compare`;
export const customerQuotePath = (customerId: string, quoteId: string) => `/customers/${customerId}/quotes/${quoteId}`;
