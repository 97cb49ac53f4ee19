import { afterAll, beforeAll } from 'vitest';
import { startPrivatePostgres, type PrivatePostgres } from '../../helpers/privatePostgres';
import { describeStoreContract } from './storeContract';
import { describeStoreDurability } from './storeDurability';
import { postgresTarget } from './storeTargets';

let server: PrivatePostgres;

beforeAll(async () => {
	server = await startPrivatePostgres();
});

afterAll(async () => {
	await server?.stop();
});

describeStoreContract('Postgres', () => postgresTarget(server));
describeStoreDurability('Postgres', () => postgresTarget(server));
