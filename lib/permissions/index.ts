export * from './rules';
export * from './visibility';
export * from './access';
export * from './instance';
