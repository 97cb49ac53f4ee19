import { readFileSync, readdirSync } from 'node:fs';

/** Kernel clock ticks per second for /proc CPU times; 100 on every Linux we run on. */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) and resident memory of one process tree at one instant. */
export interface ProcSample {
	cpuSeconds: number;
	rssBytes: number;
}

interface StatFields {
	ppid: number;
	cpuTicks: number;
}

function readStat(pid: number): StatFields | null {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name may hold spaces and parentheses: the fixed fields start after the last ')'.
		const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
		// rest[0] is field 3 (state); ppid is field 4, utime 14, stime 15.
		return { ppid: Number(rest[1]), cpuTicks: Number(rest[11]) + Number(rest[12]) };
	} catch {
		return null;
	}
}

function readRssBytes(pid: number): number {
	try {
		const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** The pid and every live descendant of it (a server might fork helpers; count them too). */
export function processTree(rootPid: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) continue;
		const stat = readStat(pid);
		if (!stat) continue;
		const list = children.get(stat.ppid) ?? [];
		list.push(pid);
		children.set(stat.ppid, list);
	}
	const tree = [rootPid];
	for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
	return tree;
}

/** CPU time and RSS summed over a process and its descendants, read from /proc. */
export function sampleProcess(rootPid: number): ProcSample {
	let ticks = 0;
	let rss = 0;
	for (const pid of processTree(rootPid)) {
		ticks += readStat(pid)?.cpuTicks ?? 0;
		rss += readRssBytes(pid);
	}
	return { cpuSeconds: ticks / CLOCK_TICKS, rssBytes: rss };
}

/**
 * CPU seconds of every process whose command is one of `commands` (e.g. the fleet's postgres
 * backends and redis-server, which come and go and are not children of the benchmark). A process
 * that exited between two samples takes its CPU with it, so this is a lower bound.
 */
export function sampleCommands(commands: readonly string[]): number {
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) continue;
		let command: string;
		try {
			command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
		} catch {
			continue;
		}
		if (commands.includes(command)) ticks += readStat(pid)?.cpuTicks ?? 0;
	}
	return ticks / CLOCK_TICKS;
}

/** Busy and total jiffies of the whole machine (first line of /proc/stat). */
export interface MachineSample {
	busy: number;
	total: number;
}

export function sampleMachine(): MachineSample {
	const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
	const values = line.trim().split(/\s+/).slice(1).map(Number);
	// user nice system idle iowait irq softirq steal (guest times are already inside user).
	const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
	const idle = (values[3] ?? 0) + (values[4] ?? 0);
	return { busy: total - idle, total };
}

/** Fraction (0..1) of all cores that were busy between two machine samples. */
export function machineBusy(from: MachineSample, to: MachineSample): number {
	const total = to.total - from.total;
	return total > 0 ? (to.busy - from.busy) / total : 0;
}
