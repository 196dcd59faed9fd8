package org.breachnotify.demo;

/**
 * A set of 64-bit keys in one primitive array: the generator remembers a key per person (about 16 MB for
 * 941,000 people) instead of the people themselves.
 */
final class LongHashSet {
    private static final long EMPTY = 0L;
    private static final long ZERO_STAND_IN = 0x9E3779B97F4A7C15L;

    private long[] slots;
    private int size;

    LongHashSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new long[capacity];
    }

    boolean contains(long key) {
        long k = key == EMPTY ? ZERO_STAND_IN : key;
        int mask = slots.length - 1;
        for (int i = spread(k) & mask; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == EMPTY) {
                return false;
            }
            if (s == k) {
                return true;
            }
        }
    }

    void add(long key) {
        long k = key == EMPTY ? ZERO_STAND_IN : key;
        if (insert(slots, k)) {
            size++;
            if (size * 2 > slots.length) {
                grow();
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long s : slots) {
            if (s != EMPTY) {
                insert(bigger, s);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long k) {
        int mask = table.length - 1;
        for (int i = spread(k) & mask; ; i = (i + 1) & mask) {
            long s = table[i];
            if (s == EMPTY) {
                table[i] = k;
                return true;
            }
            if (s == k) {
                return false;
            }
        }
    }

    private static int spread(long k) {
        long h = k * 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 31) ^ (h >>> 47));
    }
}
