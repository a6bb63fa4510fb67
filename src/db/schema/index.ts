export * from './admins.js';
export * from './consumers.js';
export * from './events.js';
export * from './sessions.js';
export * from './settings.js';
export * from './messages.js';
export * from './verification.js';
export * from './sign-in-failures.js';
