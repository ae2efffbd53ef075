// Vitest runs server modules directly; Next's "server-only" marker would throw outside the React server layer.
export {};
