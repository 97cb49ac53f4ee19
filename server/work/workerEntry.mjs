// The file piscina starts each worker thread with. Worker threads do not inherit the parent's
// TypeScript loader, so the worker registers tsx itself before loading the tasks.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./workTasks.ts');

export const prepareImport = tasks.prepareImport;
export const exportStory = tasks.exportStory;
export const proofread = tasks.proofread;
