// The Ctrl/Cmd+K spotlight. Features declare their sources (`spotlightSources`); the app hands them over.
export { ConsoleSpotlight } from './components/ConsoleSpotlight';
export { installSpotlightShortcut } from './spotlight-shortcut';
export type { SpotlightItem, SpotlightSource } from './spotlight-sources';
