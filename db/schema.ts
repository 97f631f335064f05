export * from './schema/users';
export * from './schema/namespaces';
export * from './schema/projects';
export * from './schema/routes';
export * from './schema/members';
export * from './schema/settings';
export * from './schema/audit';
export * from './schema/tokens';
