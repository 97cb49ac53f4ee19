import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';

/** How busy one event loop was over a window: the signs that a load generator saturated. */
export interface LoopStats {
	/** Event-loop utilisation 0..1 (share of time the loop was running, not waiting). */
	utilization: number;
	/** p99 of the event-loop delay in ms: how late timers and I/O callbacks ran. */
	delayP99Ms: number;
	delayMaxMs: number;
}

/** Measures this thread's event loop between `start()` and `stop()`. */
export class LoopMonitor {
	private readonly histogram = monitorEventLoopDelay({ resolution: 10 });
	private elu: EventLoopUtilization | null = null;

	start(): void {
		this.histogram.reset();
		this.histogram.enable();
		this.elu = performance.eventLoopUtilization();
	}

	stop(): LoopStats {
		this.histogram.disable();
		const elu = performance.eventLoopUtilization(this.elu ?? undefined);
		return {
			utilization: elu.utilization,
			delayP99Ms: this.histogram.percentile(99) / 1e6,
			delayMaxMs: this.histogram.max / 1e6
		};
	}
}
