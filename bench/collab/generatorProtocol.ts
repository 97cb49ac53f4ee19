import type { LoopStats } from './loopMonitor.ts';
import type { LightCounters } from './lightClient.ts';

/** One light client a generator process should open. */
export interface ClientSpec {
	url: string;
	/** Index of the room in the load (to join sends with the observers of that room). */
	room: number;
	/** Index into `seeds`, or -1 for none. */
	seed: number;
}

/** Orchestrator → generator process. */
export type GeneratorCommand =
	| { cmd: 'connect'; clients: ClientSpec[]; seeds: Uint8Array[]; concurrency: number }
	| { cmd: 'type'; intervalMs: number }
	| { cmd: 'windowStart' }
	| { cmd: 'windowEnd' }
	| { cmd: 'stopTyping' }
	| { cmd: 'sends' }
	| { cmd: 'close' };

/** Counters of a generator over the measurement window. */
export interface GeneratorWindow {
	received: LightCounters;
	sends: number;
	dropped: number;
	loop: LoopStats;
}

/** Generator process → orchestrator, one reply per command. */
export type GeneratorReply =
	| { evt: 'connected'; ok: number; failed: number; errors: string[] }
	| { evt: 'typing' }
	| { evt: 'windowStarted' }
	| { evt: 'window'; window: GeneratorWindow }
	| { evt: 'stopped' }
	/** Flat records of the window's keystrokes: room, client id, clock, send time (ms). */
	| { evt: 'sends'; records: Float64Array }
	| { evt: 'closed' };
