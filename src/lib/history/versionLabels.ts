/** How versions and the people in them read in the History panel. */
import type { VersionKind, VersionSummary } from '#shared/api/types';

const KIND_LABELS: Record<VersionKind, string> = {
	import: 'As first imported',
	auto: 'Automatic',
	unload: 'When everyone left',
	named: 'Named version',
	'before-restore': 'Before a restore',
	restore: 'Restored',
	'before-accept-all': 'Before “Accept all”',
	'before-fix-all': 'Before “Fix all”'
};

/** Its name when it has one, else what made it. */
export function versionTitle(version: Pick<VersionSummary, 'name' | 'kind'>): string {
	return version.name ?? KIND_LABELS[version.kind];
}

const dateTime = new Intl.DateTimeFormat('en', {
	month: 'short',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** "Dec 7, 15:02": short enough for a list, exact enough to tell versions apart. */
export function versionTime(iso: string): string {
	const at = new Date(iso);
	return Number.isNaN(at.getTime()) ? '' : dateTime.format(at);
}

const count = new Intl.NumberFormat('en', { signDisplay: 'exceptZero' });

/** "+120 words", "−3 words", "same length". */
export function wordsDelta(delta: number): string {
	if (delta === 0) return 'same length';
	return `${count.format(delta).replace('-', '−')} word${Math.abs(delta) === 1 ? '' : 's'}`;
}

/** "Sam and Ada", "Sam, Ada and 2 others". */
export function peopleList(names: readonly string[]): string {
	if (names.length <= 2) return names.join(' and ');
	if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
	return `${names[0]}, ${names[1]} and ${names.length - 2} others`;
}

/**
 * Eight colours for people, distinct on the cream sheet and readable under text (used as a
 * wash with an underline of the same hue). The original text has none.
 */
const PERSON_COLORS = [
	'#2f6fb5',
	'#b5472f',
	'#3f7f5a',
	'#8a4fb0',
	'#b5861a',
	'#1f8a8a',
	'#b0426f',
	'#5a6b2f'
];

export function personColor(index: number): string {
	return PERSON_COLORS[index % PERSON_COLORS.length]!;
}
