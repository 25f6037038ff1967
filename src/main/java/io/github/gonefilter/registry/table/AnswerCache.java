package io.github.gonefilter.registry.table;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.gonefilter.tombstone.Tombstone;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The soft-delete registry's answers, in two Caffeine caches with separate bounds, so that no number of
 * "not gone" answers can push a "gone" one out. Gone answers never expire on their own: once stale they are
 * served while they are refreshed. Not-gone answers expire at their deadline. The only class of the
 * registry that touches Caffeine, so the registry can say clearly when Caffeine is missing.
 */
final class AnswerCache {

    /** A gone answer and when it should be refreshed, on the registry's ticker. */
    record Gone(Tombstone tombstone, long freshUntilNanos) {
    }

    private final Cache<Key, Gone> gone;
    /** Value: the deadline on the ticker. */
    private final Cache<Key, Long> notGone;

    AnswerCache(int goneSize, int notGoneSize, LongSupplier ticker) {
        this.gone = Caffeine.newBuilder()
                .maximumSize(goneSize)
                .executor(Runnable::run) // maintenance on the calling thread: no common-pool tasks from a web app
                .build();
        this.notGone = Caffeine.newBuilder()
                .maximumSize(notGoneSize)
                .ticker(ticker::getAsLong)
                .executor(Runnable::run)
                .expireAfter(new Expiry<Key, Long>() {
                    @Override
                    public long expireAfterCreate(Key key, Long deadline, long currentTime) {
                        return Math.max(0, deadline - currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Long deadline, long currentTime, long currentDuration) {
                        return Math.max(0, deadline - currentTime);
                    }

                    @Override
                    public long expireAfterRead(Key key, Long deadline, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The gone answer for {@code key}, fresh or stale, or null. */
    Gone gone(Key key) {
        return gone.getIfPresent(key);
    }

    /** Whether {@code key} is known not to be gone (and that answer has not expired). */
    boolean notGone(Key key) {
        return notGone.getIfPresent(key) != null;
    }

    void putGone(Key key, Tombstone tombstone, long freshUntilNanos) {
        notGone.invalidate(key);
        gone.put(key, new Gone(tombstone, freshUntilNanos));
    }

    void putNotGone(Key key, long deadlineNanos) {
        gone.invalidate(key);
        notGone.put(key, deadlineNanos);
    }

    void invalidate(Key key) {
        gone.invalidate(key);
        notGone.invalidate(key);
    }

    List<Tombstone> goneTombstones() {
        List<Tombstone> out = new ArrayList<>();
        gone.asMap().values().forEach(g -> out.add(g.tombstone()));
        return out;
    }

    long goneAnswers() {
        gone.cleanUp();
        return gone.estimatedSize();
    }

    long notGoneAnswers() {
        notGone.cleanUp();
        return notGone.estimatedSize();
    }

    /** Which row an answer is about: the route and the parsed values, so every spelling of an id shares it. */
    record Key(int route, List<Object> values) {
    }
}
