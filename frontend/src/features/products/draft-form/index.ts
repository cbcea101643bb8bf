// The draft editor is one form over the whole ProductDefinition: its values (and how a definition
// becomes them), the new items its "Add …" buttons create, and the way back to a definition.
export * from './values';
export * from './new-items';
export * from './to-definition';
