import { openStore } from '../../../server/storage/openStore';

// A process writing through the store adapter until it is killed: appends numbered updates to
// one room, eight in flight at a time, and prints `ack <n>` once each is durable (the store's
// promise resolved). The test kills it with SIGKILL and checks that every acknowledged n is there.

const ROOM = 'story:durable';
const IN_FLIGHT = 8;

const store = await openStore({
	dataDir: process.env.DATA_DIR ?? './data',
	databaseUrl: process.env.DATABASE_URL || null
});
let next = 0;
const writeOne = async (): Promise<void> => {
	for (;;) {
		const n = next++;
		await store.appendUpdates(ROOM, [new TextEncoder().encode(`update ${n}`)]);
		process.stdout.write(`ack ${n}\n`);
	}
};
await Promise.all(Array.from({ length: IN_FLIGHT }, writeOne));
