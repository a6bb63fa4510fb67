export * from './admins.js';
export * from './consumers.js';
export * from './events.js';
export * from './sessions.js';
export * from './settings.js';
