import { syncContract } from './sync-contract';
import { describeOnBothDatabases } from './backends';

describeOnBothDatabases('sync', syncContract);
