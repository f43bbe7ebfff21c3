import base from './playwright.config.js';

// `npm run screenshots`: the same demo server and browser as the e2e tests, other files.
export default { ...base, testMatch: '**/*.shots.ts' };
