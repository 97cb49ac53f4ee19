import { z } from 'zod';
import { flagSchema, type Flag, type Locale } from '#shared/proofing/types';

/** Main thread → checker worker: check this text (the whole story) with these options. */
export interface CheckRequest {
	id: number;
	text: string;
	locale: Locale;
	storyWords: string[];
	ignoredWords: string[];
	/** Also report regularly formed words no list has (kind `unusual`); off unless asked. */
	unusualWords: boolean;
}

/** Checker worker → main thread; the flags are validated before use (see parseCheckAnswer). */
export type CheckAnswer =
	{ id: number; ok: true; flags: Flag[]; ms: number } | { id: number; ok: false; error: string };

const answerSchema = z.discriminatedUnion('ok', [
	z.object({ id: z.number(), ok: z.literal(true), flags: z.array(flagSchema), ms: z.number() }),
	z.object({ id: z.number(), ok: z.literal(false), error: z.string() })
]);

/** The worker's answer, or null when it is not one (never trusted as is). */
export function parseCheckAnswer(data: unknown): CheckAnswer | null {
	const parsed = answerSchema.safeParse(data);
	return parsed.success ? parsed.data : null;
}

/** Where the worker fetches a locale's Hunspell files (served by the backend). */
export const dictionaryUrl = (locale: Locale, file: 'index.aff' | 'index.dic'): string =>
	`/api/proofing/dictionaries/${locale}/${file}`;
