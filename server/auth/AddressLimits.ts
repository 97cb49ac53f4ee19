import type { IncomingMessage } from 'node:http';
import { clientAddress } from './clientAddress';
import { KeyedBuckets } from './TokenBucket';

export interface AddressLimitSettings {
	/** TOKEN_FAILURES_PER_MINUTE: wrong, revoked or expired tokens one address may present. */
	tokenFailuresPerMinute: number;
	/** WS_CONNECTIONS_PER_ADDRESS: WebSockets one address may hold open at once. */
	connectionsPerAddress: number;
	/** TRUST_PROXY: believe the proxy's X-Forwarded-For entry (see clientAddress). */
	trustProxy: boolean;
}

/**
 * What one address may do, over HTTP and WebSockets alike: a bounded number of failed token
 * attempts a minute (past it, every token from that address is refused with 429 until the budget
 * refills, so guessing is no faster than the limit) and a bounded number of open WebSockets.
 */
export class AddressLimits {
	/** Failed tokens per address (shared with the fleet's other processes when there are). */
	readonly tokenFailures: KeyedBuckets;
	/** WebSockets the fleet's other processes hold open per address (see FleetCounts). */
	openElsewhere: (address: string) => number = () => 0;
	/** Called when a WebSocket opens or closes here (the fleet is told soon after). */
	onOpenChange: () => void = () => {};
	private readonly open = new Map<string, number>();
	/** Token lookups in flight per address (the store answers asynchronously). */
	private readonly checking = new Map<string, number>();

	constructor(readonly settings: AddressLimitSettings) {
		this.tokenFailures = new KeyedBuckets(
			settings.tokenFailuresPerMinute,
			settings.tokenFailuresPerMinute / 60
		);
	}

	addressOf(request: IncomingMessage): string {
		return clientAddress(request, this.settings.trustProxy);
	}

	/**
	 * Seconds this address must wait before a token of theirs is checked again (0: now). Lookups
	 * still in flight count as failures, so a burst of concurrent guesses cannot outrun the limit.
	 */
	tokenRetryAfter(address: string): number {
		const pending = this.checking.get(address) ?? 0;
		if (pending >= this.settings.tokenFailuresPerMinute) return 1;
		return this.tokenFailures.secondsUntil(address, 1 + pending);
	}

	/** A token lookup for this address begins; call the answer with whether the token failed. */
	checkingToken(address: string): (failed: boolean) => void {
		this.checking.set(address, (this.checking.get(address) ?? 0) + 1);
		let settled = false;
		return (failed) => {
			if (settled) return;
			settled = true;
			const left = (this.checking.get(address) ?? 1) - 1;
			if (left > 0) this.checking.set(address, left);
			else this.checking.delete(address);
			if (failed) this.tokenFailed(address);
		};
	}

	/** A token from this address did not open anything. */
	tokenFailed(address: string): void {
		this.tokenFailures.take(address);
	}

	/** True when this address may open one more WebSocket. */
	mayConnect(address: string): boolean {
		const open = (this.open.get(address) ?? 0) + this.openElsewhere(address);
		return open < this.settings.connectionsPerAddress;
	}

	/** WebSockets open on this process, per address. */
	openCounts(): ReadonlyMap<string, number> {
		return this.open;
	}

	/** Counts an open WebSocket until `release` is called (once). */
	connected(address: string): () => void {
		this.open.set(address, (this.open.get(address) ?? 0) + 1);
		this.onOpenChange();
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const left = (this.open.get(address) ?? 1) - 1;
			if (left > 0) this.open.set(address, left);
			else this.open.delete(address);
			this.onOpenChange();
		};
	}
}
