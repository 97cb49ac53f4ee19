import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ExportFile } from '../formats/exportStory';
import type { PreparedStory } from '../stories/prepareImport';
import type { Flag } from '#shared/proofing/types';
import type { ExportJob, HeavyWork, ImportJob, ProofreadJob } from './HeavyWork';
import { WorkError } from './WorkError';
import { unwrap, type TaskResult } from './workTasks';

export interface WorkLimits {
	/** WORK_THREADS: worker threads (default: one less than the cores, at least one). */
	threads: number;
	/** WORK_QUEUE: jobs waiting for a thread; beyond, a job is refused at once (busy). */
	queue: number;
	/** WORK_DEADLINE_MS: a job (waiting included) is stopped after this long. */
	deadlineMs: number;
	/** WORK_MEMORY_MB: a worker's heap; a job that needs more is stopped. */
	memoryMb: number;
}

export function defaultWorkThreads(): number {
	return Math.max(1, availableParallelism() - 1);
}

/**
 * The file each worker thread starts with. Compiled (`npm start` runs build-server/main.js), the
 * worker loads the compiled tasks beside it; from TypeScript source (tests, the CLI, `vite dev`),
 * a small bootstrap that registers tsx first, since worker threads do not inherit `--import tsx`.
 */
export const workerFile = import.meta.url.endsWith('.ts')
	? new URL('./workerEntry.mjs', import.meta.url)
	: new URL('./workTasks.js', import.meta.url);

/** How long a client told the queue is full should wait. */
const BUSY_RETRY_S = 5;

/**
 * Heavy work on a piscina pool of worker threads, so a huge or hostile import or export never
 * holds the thread that relays keystrokes. Bounded three ways: a queue (full: refused at once,
 * never piled up), a deadline and a heap cap per job; a job past either is stopped by ending its
 * worker, which the pool replaces.
 */
export class WorkPool implements HeavyWork {
	readonly #pool: Piscina;
	/** Jobs running or waiting: at most threads + queue (counted here, so the bound is exact). */
	#inFlight = 0;

	constructor(private readonly limits: WorkLimits) {
		this.#pool = new Piscina({
			filename: workerFile.href,
			// One thread kept warm: a worker's first job also loads the code (about a second).
			minThreads: 1,
			maxThreads: limits.threads,
			idleTimeout: 60_000,
			resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb }
		});
		// A worker that dies with no job to reject (e.g. out of memory while starting) is replaced;
		// the job it held, if any, has been rejected with the reason already.
		this.#pool.on('error', () => {});
	}

	async prepareImport(job: ImportJob): Promise<PreparedStory> {
		return unwrap(
			await this.#run<TaskResult<PreparedStory>>('prepareImport', job, 'Reading the file')
		);
	}

	async exportStory(job: ExportJob): Promise<ExportFile> {
		return unwrap(await this.#run<TaskResult<ExportFile>>('exportStory', job, 'Making the export'));
	}

	async proofread(job: ProofreadJob): Promise<Flag[]> {
		return unwrap(await this.#run<TaskResult<Flag[]>>('proofread', job, 'Proofreading the story'));
	}

	async close(): Promise<void> {
		await this.#pool.destroy();
	}

	async #run<T>(name: string, job: unknown, what: string): Promise<T> {
		if (this.#inFlight >= this.limits.threads + this.limits.queue) {
			throw new WorkError(
				'busy',
				'The server is busy with other imports and exports: try again in a few seconds.',
				BUSY_RETRY_S
			);
		}
		this.#inFlight++;
		const signal = AbortSignal.timeout(this.limits.deadlineMs);
		try {
			return (await this.#pool.run(job, { name, signal })) as T;
		} catch (error) {
			throw this.#explain(error, what, signal);
		} finally {
			this.#inFlight--;
		}
	}

	#explain(error: unknown, what: string, signal: AbortSignal): unknown {
		const message = error instanceof Error ? error.message : String(error);
		if (signal.aborted) {
			return new WorkError(
				'deadline',
				`${what} took longer than the limit of ${this.limits.deadlineMs / 1000} s and was stopped.`
			);
		}
		if (/memory limit|out of memory/i.test(message)) {
			return new WorkError(
				'memory',
				`${what} needed more than the memory limit of ${this.limits.memoryMb} MB and was stopped.`
			);
		}
		return error;
	}
}
