/**
 * A small seeded pseudo-random generator for the seed data: xoshiro128** (an xorshift-family
 * generator with 128 bits of state). Every row gets its own generator whose state is a hash of
 * (namespace, seed, index), so row i is the same whatever the batch size or lease count, and a
 * larger seed run extends a smaller one instead of reshuffling it.
 */
import { createHash } from 'node:crypto';

export interface Rng {
  /** Next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** `true` with the given probability (0..1). */
  chance(probability: number): boolean;
  pick<Item>(items: readonly Item[]): Item;
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/** A generator over four 32-bit state words; an all-zero state is replaced (it never moves). */
export function createRng(state: readonly [number, number, number, number]): Rng {
  let [s0, s1, s2, s3] = state.map((word) => word >>> 0) as [number, number, number, number];
  if ((s0 | s1 | s2 | s3) === 0) {
    s0 = 0x9e3779b9;
  }

  const nextUint32 = (): number => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const shifted = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ shifted) >>> 0;
    s3 = rotateLeft(s3, 11);
    return result;
  };

  const next = () => nextUint32() / 2 ** 32;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));

  return {
    nextUint32,
    next,
    int,
    chance: (probability) => next() < probability,
    pick: <Item>(items: readonly Item[]): Item => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) {
        throw new RangeError('cannot pick from an empty list');
      }
      return item;
    },
  };
}

// 64 bytes per name: a generator state (16 bytes) and three ids (16 bytes each) from one hash.
function digest(parts: readonly (string | number)[]): Buffer {
  return createHash('sha512').update(parts.join('\u001f')).digest();
}

// Version and variant bits are set as for v4, so validators that only accept random-looking
// uuids take these name-based ones too.
function toUuid(bytes: Buffer): string {
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;

  const hex = bytes.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}

export interface RowMaterial {
  rng: Rng;
  /** Three ids for the row and the rows that belong to it. */
  ids: [string, string, string];
}

/**
 * Everything random about one row, derived from its name (namespace, seed, index...). The ids
 * take 122 bits each from the hash, not from a generator's 32-bit output, so ids of different
 * rows do not collide.
 */
export function rowMaterial(...parts: (string | number)[]): RowMaterial {
  const bytes = digest(parts);
  const rng = createRng([
    bytes.readUInt32LE(0),
    bytes.readUInt32LE(4),
    bytes.readUInt32LE(8),
    bytes.readUInt32LE(12),
  ]);
  const ids: RowMaterial['ids'] = [
    toUuid(bytes.subarray(16, 32)),
    toUuid(bytes.subarray(32, 48)),
    toUuid(bytes.subarray(48, 64)),
  ];
  return { rng, ids };
}

/** A generator whose whole state is derived from the parts. */
export function rngFor(...parts: (string | number)[]): Rng {
  return rowMaterial(...parts).rng;
}

/** A deterministic uuid for a name. */
export function uuidFor(...parts: (string | number)[]): string {
  return rowMaterial('uuid', ...parts).ids[0];
}
