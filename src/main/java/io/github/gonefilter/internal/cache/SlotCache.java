package io.github.gonefilter.internal.cache;

/**
 * A tiny lossy cache for the request path: one entry per slot, chosen by hash, replaced whole. Reading is one
 * array load, with no lock and no allocation; two threads racing for a slot only lose an entry, which is then
 * built again. Used where the same few values are asked for again and again (a popular deleted path's
 * tombstone, its rendered body).
 *
 * <p>Not Caffeine: these caches sit on the path of every request of every user, including a {@code web.xml}
 * user of the file registry, who must never need Caffeine on the class path; and a miss costs only a rebuild,
 * so neither eviction policy nor statistics would pay for the allocation and bookkeeping of a full cache.
 *
 * @param <E> the entry, which carries its own key: the caller checks that the entry it finds is the one it wants
 */
public final class SlotCache<E> {

    private final Object[] slots;
    private final int mask;

    /** @param size slots, a power of two */
    public SlotCache(int size) {
        if (size < 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two but was " + size);
        }
        this.slots = new Object[size];
        this.mask = size - 1;
    }

    /** The entry in the slot of {@code hash}, which may be another key's; or {@code null}. */
    @SuppressWarnings("unchecked")
    public E get(int hash) {
        return (E) slots[hash & mask];
    }

    /** Puts {@code entry} in the slot of {@code hash}, replacing whatever was there. */
    public void put(int hash, E entry) {
        slots[hash & mask] = entry;
    }
}
