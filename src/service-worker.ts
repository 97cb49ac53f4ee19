/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />

/*
 * Lets the desk open without the network, so a reload while offline still finds the editor and
 * the story's copy in IndexedDB. Built assets are precached; the library and story pages are
 * network-first with the last copy as fallback. The API and the collab socket are never cached:
 * the story page knows how to open from what this device remembers.
 */

import { base, build, files, version } from '$service-worker';

const sw = globalThis.self as unknown as ServiceWorkerGlobalScope;

const CACHE = `galley-${version}`;
const ASSETS = [...build, ...files];
const LIBRARY_PATH = `${base}/`;
const STORY_PATH = new RegExp(`^${base}/stories/[A-Za-z0-9_-]+$`);
/**
 * Story pages are a client-rendered shell that is the same for every story (the page reads its
 * id from the address), so the last one fetched serves any story opened offline.
 */
const STORY_SHELL_KEY = `${base}/stories/__shell__`;

/** Best effort: a page that cannot be fetched now is cached when first visited instead. */
async function cachePage(cache: Cache, path: string, key = path): Promise<void> {
	try {
		const response = await fetch(path, { cache: 'no-cache' });
		if (response.ok) await cache.put(key, response);
	} catch {
		// Offline during install: nothing to prime.
	}
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll(ASSETS);
			// The page that installed us was loaded before we could see it: prime the pages now.
			await cachePage(cache, LIBRARY_PATH);
			await cachePage(cache, STORY_SHELL_KEY);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			// Each deployment has its own cache; nothing in the old ones needs migrating.
			for (const key of await caches.keys()) {
				if (key !== CACHE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

async function navigate(request: Request, path: string, isStory: boolean): Promise<Response> {
	const cache = await caches.open(CACHE);
	try {
		const response = await fetch(request);
		if (response.ok) {
			await cache.put(path, response.clone());
			if (isStory) await cache.put(STORY_SHELL_KEY, response.clone());
		}
		return response;
	} catch (failure) {
		const cached =
			(await cache.match(path)) ?? (isStory ? await cache.match(STORY_SHELL_KEY) : undefined);
		if (cached) return cached;
		throw failure;
	}
}

async function cachedAsset(request: Request, path: string): Promise<Response> {
	const cache = await caches.open(CACHE);
	return (await cache.match(path)) ?? fetch(request);
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	const path = url.pathname;

	if (ASSETS.includes(path)) {
		event.respondWith(cachedAsset(request, path));
		return;
	}
	if (request.mode !== 'navigate') return;
	const isStory = STORY_PATH.test(path);
	// Everything else (the API, /collab, exports) always goes to the network.
	if (isStory || path === LIBRARY_PATH) event.respondWith(navigate(request, path, isStory));
});
