/** The first index in [0, length) where a monotone (false… then true…) test holds, or length. */
export function firstIndex(length: number, test: (index: number) => boolean): number {
	let low = 0;
	let high = length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (test(middle)) high = middle;
		else low = middle + 1;
	}
	return low;
}
