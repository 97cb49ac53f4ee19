import { describeStoreContract } from './storeContract';
import { describeStoreDurability } from './storeDurability';
import { sqliteTarget } from './storeTargets';

describeStoreContract('SQLite', sqliteTarget);
describeStoreDurability('SQLite', sqliteTarget);
