import { describe } from 'vitest';
import { validateShard } from './corpus/validate.js';

// One shard per file so the four run in parallel workers (the validator takes ~20 ms per query).
describe('corpus outputs pass the Kusto validator (shard 2 of 4)', () => validateShard(2, 4));
