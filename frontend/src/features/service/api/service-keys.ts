/** Query keys of the service desk. */
export const serviceKeys = {
  all: ['service'] as const,
  myWork: () => [...serviceKeys.all, 'my-work'] as const,
  interactions: () => [...serviceKeys.all, 'interactions'] as const,
};
