import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of a V8 CPU profile (CDP `Profiler.Profile`) read here. */
interface CpuProfile {
	nodes: Array<{
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	}>;
	samples?: number[];
	timeDeltas?: number[];
}

export interface ProfileRow {
	selfMs: number;
	/** Share of the non-idle time, in percent. */
	share: number;
	name: string;
	/** File and position, with a little of the (minified) source there to recognise it by. */
	where: string;
}

export interface ProfileSummary {
	totalMs: number;
	idleMs: number;
	gcMs: number;
	top: ProfileRow[];
}

/**
 * Self time per function of a page's CPU profile, most first. The app is minified without source
 * maps, so each row quotes the source at the function's start: property and method names
 * (`toOffset`, `charAt`, `positionIn`…) survive minification and tell the functions apart.
 */
export function summarizeProfile(profile: CpuProfile, buildDir: string, rows = 15): ProfileSummary {
	const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
	const self = new Map<string, { ms: number; frame: CpuProfile['nodes'][number]['callFrame'] }>();
	let totalMs = 0;
	let idleMs = 0;
	let gcMs = 0;
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	for (let index = 0; index < samples.length; index++) {
		// A sample's time is the gap to the next one.
		const ms = (deltas[index + 1] ?? 0) / 1000;
		const frame = frames.get(samples[index]!);
		if (!frame) continue;
		totalMs += ms;
		if (frame.functionName === '(idle)') {
			idleMs += ms;
			continue;
		}
		if (frame.functionName === '(garbage collector)') gcMs += ms;
		const key = `${frame.functionName}@${frame.url}:${frame.lineNumber}:${frame.columnNumber}`;
		const entry = self.get(key) ?? { ms: 0, frame };
		entry.ms += ms;
		self.set(key, entry);
	}
	const busy = totalMs - idleMs;
	const sources = new Map<string, string[] | null>();
	const top = [...self.values()]
		.sort((a, b) => b.ms - a.ms)
		.slice(0, rows)
		.map(({ ms, frame }) => ({
			selfMs: ms,
			share: busy > 0 ? (100 * ms) / busy : 0,
			name: frame.functionName || '(anonymous)',
			where: describe(frame, buildDir, sources)
		}));
	return { totalMs, idleMs, gcMs, top };
}

function describe(
	frame: CpuProfile['nodes'][number]['callFrame'],
	buildDir: string,
	sources: Map<string, string[] | null>
): string {
	if (!frame.url) return '';
	let pathname: string;
	try {
		pathname = new URL(frame.url).pathname;
	} catch {
		return frame.url;
	}
	const file = path.basename(pathname);
	if (!sources.has(pathname)) {
		try {
			sources.set(
				pathname,
				readFileSync(path.join(buildDir, 'client', pathname), 'utf8').split('\n')
			);
		} catch {
			sources.set(pathname, null);
		}
	}
	const line = sources.get(pathname)?.[frame.lineNumber];
	const snippet = line
		?.slice(frame.columnNumber, frame.columnNumber + 70)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/\|/g, '\\|');
	return `${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}${snippet ? ` <code>${snippet}</code>` : ''}`;
}
