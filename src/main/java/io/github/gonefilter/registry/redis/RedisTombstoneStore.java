package io.github.gonefilter.registry.redis;

import io.github.gonefilter.internal.registry.TombstoneJson;
import io.github.gonefilter.internal.registry.sync.Reconnecting;
import io.github.gonefilter.internal.registry.sync.TombstoneStore;
import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.resps.Tuple;

/**
 * The Redis commands behind {@link RedisTombstoneRegistry}. Keys, all with one hash tag so they live in one
 * cluster slot:
 * <ul>
 * <li>{@code {prefix}:tombstones}: hash, tombstone key to its JSON ({@link TombstoneJson});</li>
 * <li>{@code {prefix}:changes}: sorted set, tombstone key scored by the version of its last change
 * (restored keys stay, so restores are read incrementally);</li>
 * <li>{@code {prefix}:version}: the change counter;</li>
 * <li>channel {@code {prefix}:changed}: a message with the version after each change.</li>
 * </ul>
 * Writes are Lua scripts, so each change and its version are applied atomically and in order.
 */
final class RedisTombstoneStore implements TombstoneStore {

    private static final System.Logger LOG = System.getLogger(RedisTombstoneStore.class.getName());
    private static final int BATCH = 1000;

    private static final String BURY = """
            local v = redis.call('INCR', KEYS[3])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], v, ARGV[1])
            redis.call('PUBLISH', ARGV[3], v)
            return v""";

    private static final String RESTORE = """
            local json = redis.call('HGET', KEYS[1], ARGV[1])
            if not json then return 0 end
            if ARGV[2] ~= '1' then
              local ok, t = pcall(cjson.decode, json)
              if not (ok and t['restorable'] == true) then return -1 end
            end
            local v = redis.call('INCR', KEYS[3])
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[2], v, ARGV[1])
            redis.call('PUBLISH', ARGV[3], v)
            return 1""";

    private final RedisConnections connections;
    private final JedisPooled redis;
    private final String tombstones;
    private final String changes;
    private final String version;
    private final String channel;
    private final String description;

    RedisTombstoneStore(RedisConnections connections, String prefix) {
        this.connections = connections;
        this.redis = connections.pooled();
        String tag = "{" + prefix + "}";
        this.tombstones = tag + ":tombstones";
        this.changes = tag + ":changes";
        this.version = tag + ":version";
        this.channel = tag + ":changed";
        this.description = "redis " + tag + " at " + connections.address();
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * Pages through the change set by score. A complete read ({@code sinceVersion == 0}) is not one snapshot,
     * but it is followed by every change made while it runs: a change gives its key a score above the counter
     * at that moment, so above every page already read, and paging goes on until a short page. Restores are
     * therefore passed on whenever they may undo something this read passed before, that is when they are
     * newer than the counter at its start; older restores concern keys this read never passed as buried.
     */
    @Override
    public long readChanges(long sinceVersion, ChangeSink sink) {
        long restoresAfter = sinceVersion > 0 ? sinceVersion : counter();
        long max = sinceVersion;
        while (true) {
            List<Tuple> batch = redis.zrangeByScoreWithScores(changes, "(" + max, "+inf", 0, BATCH);
            if (batch.isEmpty()) {
                return max;
            }
            String[] keys = new String[batch.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = batch.get(i).getElement();
            }
            List<String> values = redis.hmget(tombstones, keys);
            for (int i = 0; i < keys.length; i++) {
                String json = values.get(i);
                if (json == null) {
                    // Restored: at this score, or since the page was read, in which case the key comes again
                    // with a score above restoresAfter.
                    if ((long) batch.get(i).getScore() > restoresAfter) {
                        sink.restored(keys[i]);
                    }
                    continue;
                }
                sink.buried(new Entry(keys[i], json));
            }
            max = Math.max(max, (long) batch.get(batch.size() - 1).getScore());
            if (batch.size() < BATCH) {
                return max;
            }
        }
    }

    /** The change counter: the version of the last change. */
    private long counter() {
        String v = redis.get(version);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** One tombstone as stored: its key and JSON, parsed only if the sink asks for it. */
    private final class Entry implements Stored {
        private final String key;
        private final String json;

        Entry(String key, String json) {
            this.key = key;
            this.json = json;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public Tombstone tombstone() {
            return parse(key, json);
        }

        /**
         * The key, if the tombstone is an exact path with no time window, visibility gone and no mode, told without
         * parsing: {@link TombstoneJson} leaves absent members out, so their names do not occur. (A message that
         * happens to contain such a name only sends the tombstone down the full path.) The key of an exact path
         * is its canonical path.
         */
        @Override
        public String plainPath() {
            return !key.startsWith("regex:") && key.indexOf('*') < 0 && !json.contains("\"goneFrom\"")
                    && !json.contains("\"goneUntil\"") && !json.contains("\"visibility\"")
                    && !json.contains("\"mode\"") ? key : null;
        }
    }

    /** The tombstone stored under {@code key}, or {@code null} if it is invalid (logged). */
    private Tombstone parse(String key, String json) {
        try {
            return TombstoneJson.fromJsonString(json);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Ignoring the invalid tombstone " + key + " in " + tombstones + ": " + e.getMessage());
            return null;
        }
    }

    @Override
    public void bury(Tombstone t) {
        redis.eval(BURY, List.of(tombstones, changes, version),
                List.of(t.pattern().key(), TombstoneJson.toJsonString(t), channel));
    }

    @Override
    public RestoreResult restore(PathPattern pattern, boolean force) {
        long r = (Long) redis.eval(RESTORE, List.of(tombstones, changes, version),
                List.of(pattern.key(), force ? "1" : "0", channel));
        return r == 1 ? RestoreResult.RESTORED : r == 0 ? RestoreResult.ABSENT : RestoreResult.NOT_RESTORABLE;
    }

    @Override
    public Map<String, Tombstone> load(Collection<String> keys) {
        Map<String, Tombstone> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String[] fields = keys.toArray(new String[0]);
        List<String> values = redis.hmget(tombstones, fields);
        for (int i = 0; i < fields.length; i++) {
            Tombstone t = values.get(i) == null ? null : parse(fields[i], values.get(i));
            if (t != null) {
                found.put(fields[i], t);
            }
        }
        return found;
    }

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        return new Subscriber(onChange).start("gone-filter-subscribe " + channel);
    }

    @Override
    public void close() {
        redis.close();
    }

    /** Holds one subscribed connection. */
    private final class Subscriber extends Reconnecting {
        private volatile Jedis current;
        private final JedisPubSub pubSub;

        Subscriber(Runnable onChange) {
            super("SUBSCRIBE " + channel);
            this.pubSub = new JedisPubSub() {
                @Override
                public void onSubscribe(String ch, int count) {
                    connected();
                    onChange.run(); // whatever changed while we were not subscribed
                }

                @Override
                public void onMessage(String ch, String message) {
                    onChange.run();
                }
            };
        }

        @Override
        protected void listen() {
            try (Jedis jedis = connections.subscriber()) {
                current = jedis;
                jedis.subscribe(pubSub, channel); // blocks until unsubscribed or the connection breaks
            } finally {
                current = null;
            }
        }

        @Override
        protected void interrupt() {
            try {
                if (pubSub.isSubscribed()) {
                    pubSub.unsubscribe();
                }
            } catch (RuntimeException e) {
                // the connection is gone anyway
            }
            Jedis j = current;
            if (j != null) {
                try {
                    j.close();
                } catch (RuntimeException e) {
                    // closing anyway
                }
            }
        }
    }
}
