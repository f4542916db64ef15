import { syncContract } from './sync-contract';
import { sqliteBackend } from './helpers';

syncContract(sqliteBackend);
