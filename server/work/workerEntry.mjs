// The file piscina starts each worker thread with when the server runs from its TypeScript sources
// (tests, the CLI, `vite dev`). Worker threads do not inherit the parent's TypeScript loader, so
// the worker registers tsx itself before loading the tasks. The compiled server (build-server/,
// `npm start`) starts its workers on build-server/workTasks.js instead: see WorkPool.ts.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./workTasks.ts');

export const prepareImport = tasks.prepareImport;
export const exportStory = tasks.exportStory;
export const proofread = tasks.proofread;
