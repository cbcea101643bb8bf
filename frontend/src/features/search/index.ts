// The Ctrl/Cmd+K spotlight. Features declare their sources (`spotlightSources`); the app hands them over.
export { ConsoleSpotlight } from './components/ConsoleSpotlight';
export type { SpotlightItem, SpotlightSource } from './spotlight-sources';
