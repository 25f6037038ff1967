/**
 * Tombstones shared through Redis: {@link io.github.gonefilter.registry.redis.RedisTombstoneRegistry}, with the
 * Jedis client as an optional dependency and pub/sub for change notices.
 */
package io.github.gonefilter.registry.redis;
