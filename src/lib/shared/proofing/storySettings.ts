import type * as Y from 'yjs';
import { z } from 'zod';
import type { Locale } from '#shared/proofing/types';

/** Y.Map in `notes:<id>` of the story's proofreading settings (plain JSON values). */
export const SETTINGS_MAP = 'settings';

export const LOCALES: readonly Locale[] = ['en-US', 'en-GB'];
export const DEFAULT_LOCALE: Locale = 'en-US';
export const localeSchema = z.enum(['en-US', 'en-GB']);

/** The settings map's one key. */
export const LOCALE_KEY = 'locale';

/** The story's spelling locale: en-US unless someone chose another (invalid values are ignored). */
export function readLocale(notes: Y.Doc): Locale {
	const parsed = localeSchema.safeParse(notes.getMap<unknown>(SETTINGS_MAP).get(LOCALE_KEY));
	return parsed.success ? parsed.data : DEFAULT_LOCALE;
}

export function setLocale(notes: Y.Doc, locale: Locale): void {
	notes.getMap<unknown>(SETTINGS_MAP).set(LOCALE_KEY, localeSchema.parse(locale));
}
