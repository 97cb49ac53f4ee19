import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddressLimits } from '../../../../server/auth/AddressLimits';
import { clientAddress } from '../../../../server/auth/clientAddress';
import { KeyedBuckets } from '../../../../server/auth/TokenBucket';

function requestFrom(remoteAddress: string, forwardedFor?: string): IncomingMessage {
	return {
		socket: { remoteAddress },
		headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }
	} as unknown as IncomingMessage;
}

afterEach(() => vi.useRealTimers());

describe('KeyedBuckets.secondsUntil', () => {
	it('says how long until the next take succeeds, without spending', () => {
		vi.useFakeTimers();
		const buckets = new KeyedBuckets(2, 2 / 60); // two a minute: one every 30 s
		expect(buckets.secondsUntil('a')).toBe(0);
		expect(buckets.take('a')).toBe(true);
		expect(buckets.take('a')).toBe(true);
		expect(buckets.take('a')).toBe(false);
		expect(buckets.secondsUntil('a')).toBe(30);
		vi.advanceTimersByTime(20_000);
		expect(buckets.secondsUntil('a')).toBe(10);
		expect(buckets.secondsUntil('b')).toBe(0);
		vi.advanceTimersByTime(10_000);
		expect(buckets.take('a')).toBe(true);
	});
});

describe('clientAddress', () => {
	it('is the socket address unless the proxy is trusted', () => {
		expect(clientAddress(requestFrom('10.0.0.1', '198.51.100.7'), false)).toBe('10.0.0.1');
	});

	it("takes the proxy's own (last) X-Forwarded-For entry when trusted", () => {
		const request = requestFrom('10.0.0.1', '6.6.6.6, 198.51.100.7');
		expect(clientAddress(request, true)).toBe('198.51.100.7');
		expect(clientAddress(requestFrom('10.0.0.1', ' , '), true)).toBe('10.0.0.1');
		expect(clientAddress(requestFrom('10.0.0.1'), true)).toBe('10.0.0.1');
	});
});

describe('AddressLimits', () => {
	const settings = { tokenFailuresPerMinute: 2, connectionsPerAddress: 2, trustProxy: false };

	it('throttles an address after its failed tokens, and only that address', () => {
		const limits = new AddressLimits(settings);
		limits.tokenFailed('a');
		expect(limits.tokenRetryAfter('a')).toBe(0);
		limits.tokenFailed('a');
		expect(limits.tokenRetryAfter('a')).toBeGreaterThan(0);
		expect(limits.tokenRetryAfter('b')).toBe(0);
	});

	it('counts open connections, releasing each once', () => {
		const limits = new AddressLimits(settings);
		const first = limits.connected('a');
		limits.connected('a');
		expect(limits.mayConnect('a')).toBe(false);
		expect(limits.mayConnect('b')).toBe(true);
		first();
		first();
		expect(limits.mayConnect('a')).toBe(true);
		limits.connected('a');
		expect(limits.mayConnect('a')).toBe(false);
	});
});

describe('AddressLimits token lookups in flight', () => {
	it('counts lookups not answered yet as failures, so a burst cannot outrun the limit', () => {
		vi.useFakeTimers();
		const limits = new AddressLimits({
			tokenFailuresPerMinute: 3,
			connectionsPerAddress: 10,
			trustProxy: false
		});
		const answers = [1, 2, 3].map(() => {
			expect(limits.tokenRetryAfter('a')).toBe(0);
			return limits.checkingToken('a');
		});
		expect(limits.tokenRetryAfter('a')).toBeGreaterThan(0);
		expect(limits.tokenRetryAfter('b')).toBe(0);
		// A good token gives its place back; a bad one spends it.
		answers[0]!(false);
		expect(limits.tokenRetryAfter('a')).toBe(0);
		answers[1]!(true);
		answers[2]!(true);
		answers[2]!(true); // once only
		expect(limits.tokenRetryAfter('a')).toBe(0);
		limits.tokenFailed('a');
		expect(limits.tokenRetryAfter('a')).toBeGreaterThan(0);
	});
});
