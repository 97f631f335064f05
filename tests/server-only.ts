// Vitest runs lib/ outside React's server bundle, where `server-only` would throw on import.
export {};
