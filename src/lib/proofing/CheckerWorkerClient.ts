import { parseCheckAnswer, type CheckAnswer, type CheckRequest } from './workerProtocol';

/**
 * The checker's Web Worker, behind one small client: started on demand, asked to check, and
 * its answers validated before anyone sees them (the worker's data is never trusted as is).
 */
export class CheckerWorkerClient {
	#worker: Worker | null = null;

	constructor(
		private readonly onAnswer: (answer: CheckAnswer) => void,
		private readonly onError: () => void
	) {}

	get started(): boolean {
		return this.#worker !== null;
	}

	/** Starts the worker (it then loads its dictionary and lexicon); once. */
	start(): void {
		if (this.#worker) return;
		this.#worker = new Worker(new URL('./checker.worker.ts', import.meta.url), { type: 'module' });
		this.#worker.onmessage = (event: MessageEvent<unknown>) => {
			const answer = parseCheckAnswer(event.data);
			if (answer) this.onAnswer(answer);
		};
		this.#worker.onerror = () => this.onError();
	}

	/** Sends a text to check; false when the worker is not started. */
	check(request: CheckRequest): boolean {
		if (!this.#worker) return false;
		this.#worker.postMessage(request);
		return true;
	}

	stop(): void {
		this.#worker?.terminate();
		this.#worker = null;
	}
}
