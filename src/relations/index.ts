// Relation core: event sets and binary relations over small universes of
// events as bit matrices, mirroring the cat language used by herd7 / LKMM.
export { BitSet } from './bitset.js';
export { Rel } from './matrix.js';
export { RelPool, type PoolMark } from './rel-pool.js';
export { MAX_N } from './bits.js';
