import type { Deployment } from './deployment.ts';
import type { ClientSpec } from './generatorProtocol.ts';
import { Observer } from './observer.ts';
import type { LoadSpec } from './options.ts';
import type { PreparedRooms } from './rooms.ts';

/**
 * The light clients of a load: `clientsPerRoom` in every room, given to the deployment's processes
 * in turn (a round-robin balancer without sticky sessions), so a room's typists sit on all of them.
 */
export function spreadClients(
	deployment: Deployment,
	rooms: PreparedRooms,
	load: LoadSpec
): ClientSpec[] {
	const clients: ClientSpec[] = [];
	for (let i = 0; i < load.clientsPerRoom; i++) {
		rooms.names.forEach((name, room) =>
			clients.push({
				url: `${deployment.wsBaseFor(clients.length)}/${name}`,
				room,
				seed: rooms.seed ? 0 : -1
			})
		);
	}
	return clients;
}

/**
 * `count` observers, synced: in the first rooms, one per room while there are more rooms than
 * observers, and on the processes in turn (in a fleet, most edits they see crossed over).
 */
export async function placeObservers(
	deployment: Deployment,
	rooms: PreparedRooms,
	load: LoadSpec,
	count: number
): Promise<Observer[]> {
	const observers: Observer[] = [];
	for (let i = 0; i < count; i++) {
		const room = i % load.rooms;
		observers.push(new Observer(deployment.wsBaseFor(i), rooms.names[room]!, room));
	}
	await Promise.all(observers.map((o) => o.whenSynced()));
	return observers;
}
