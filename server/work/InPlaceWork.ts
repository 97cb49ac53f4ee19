import type { HeavyWork } from './HeavyWork';
import { exportStory, prepareImport, proofread, unwrap } from './workTasks';

/** Heavy work on the calling thread: for the CLI, which has no rooms to keep responsive. */
export class InPlaceWork implements HeavyWork {
	async prepareImport(job: Parameters<HeavyWork['prepareImport']>[0]) {
		return unwrap(await prepareImport(job));
	}

	async exportStory(job: Parameters<HeavyWork['exportStory']>[0]) {
		return unwrap(await exportStory(job));
	}

	async proofread(job: Parameters<HeavyWork['proofread']>[0]) {
		return unwrap(await proofread(job));
	}

	async close(): Promise<void> {}
}
