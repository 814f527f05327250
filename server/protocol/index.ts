export * from './limits.ts';
export * from './errors.ts';
export * from './models.ts';
export * from './http.ts';
export * from './frames.ts';
export * from './manager.ts';
