import { defineConfig } from 'vitest/config';

// Plain Node projects: the shared model and the server need no Svelte plugin, and the
// end-to-end project drives a real Chromium against a real server process.
export default defineConfig({
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					// Real processes on a 2-core machine: what a poll waits for may take seconds
					// when the machine is busy (a bound, not a speed target).
					expect: { requireAssertions: true, poll: { timeout: 10_000 } },
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			},
			{
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.e2e.ts'],
					expect: { requireAssertions: true, poll: { timeout: 10_000 } },
					environment: 'node',
					testTimeout: 90_000,
					hookTimeout: 90_000,
					fileParallelism: false
				}
			}
		]
	}
});
