/**
 * A token bucket: `capacity` at most, refilled at `perSecond`. `take(n)` spends n if there are,
 * else refuses (and spends nothing).
 */
export class TokenBucket {
	private tokens: number;
	private last = Date.now();

	constructor(
		private readonly capacity: number,
		private readonly perSecond: number
	) {
		this.tokens = capacity;
	}

	take(amount = 1): boolean {
		this.refill();
		if (this.tokens < amount) return false;
		this.tokens -= amount;
		return true;
	}

	/**
	 * Spends `amount` whenever at least one token is left, going into debt for the rest: a
	 * batch (offline work coming back at once) passes whole, and the debt is waited out after.
	 */
	takeOnCredit(amount: number): boolean {
		this.refill();
		if (this.tokens < 1) return false;
		this.tokens -= amount;
		return true;
	}

	/**
	 * Spends `amount` that was spent elsewhere (another process of the fleet), into debt if need
	 * be, down to one bucket's worth of debt at most.
	 */
	charge(amount: number): void {
		this.refill();
		this.tokens = Math.max(-this.capacity, this.tokens - amount);
	}

	/** Whole seconds until `take(amount)` would succeed (0: it would now). */
	secondsUntil(amount = 1): number {
		this.refill();
		if (this.tokens >= amount) return 0;
		// Less a hair: refills in floating point would otherwise round 10 s up to 11.
		return Math.ceil((amount - this.tokens) / this.perSecond - 1e-9);
	}

	private refill(): void {
		const now = Date.now();
		this.tokens = Math.min(
			this.capacity,
			this.tokens + ((now - this.last) / 1000) * this.perSecond
		);
		this.last = now;
	}
}

/** One bucket per key (e.g. per IP), forgetting keys idle long enough to be full again. */
export class KeyedBuckets {
	private readonly buckets = new Map<string, { bucket: TokenBucket; used: number }>();

	constructor(
		private readonly capacity: number,
		private readonly perSecond: number
	) {}

	/** Told of every spend, so the other processes of a fleet can charge it too (see FleetCounts). */
	onSpend: ((key: string, amount: number) => void) | null = null;

	take(key: string, amount = 1): boolean {
		return this.spent(key, amount, this.bucketOf(key).take(amount));
	}

	takeOnCredit(key: string, amount: number): boolean {
		return this.spent(key, amount, this.bucketOf(key).takeOnCredit(amount));
	}

	/** Charges what `key` spent on another process. */
	charge(key: string, amount: number): void {
		this.bucketOf(key).charge(amount);
	}

	private spent(key: string, amount: number, ok: boolean): boolean {
		if (ok) this.onSpend?.(key, amount);
		return ok;
	}

	/** Whole seconds until `take(key, amount)` would succeed (0: it would now); spends nothing. */
	secondsUntil(key: string, amount = 1): number {
		return this.buckets.get(key)?.bucket.secondsUntil(amount) ?? 0;
	}

	private bucketOf(key: string): TokenBucket {
		const now = Date.now();
		if (this.buckets.size > 10_000) {
			const idleMs = (this.capacity / this.perSecond) * 1000;
			for (const [name, entry] of this.buckets)
				if (now - entry.used > idleMs) this.buckets.delete(name);
		}
		let entry = this.buckets.get(key);
		if (!entry) {
			entry = { bucket: new TokenBucket(this.capacity, this.perSecond), used: now };
			this.buckets.set(key, entry);
		}
		entry.used = now;
		return entry.bucket;
	}
}
