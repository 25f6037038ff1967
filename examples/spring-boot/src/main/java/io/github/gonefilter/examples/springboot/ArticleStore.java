package io.github.gonefilter.examples.springboot;

import io.github.gonefilter.registry.sync.RegistryUnavailableException;
import io.github.gonefilter.tombstone.TombstoneRegistry;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Articles in memory, plus a trash for deleted ones so a deletion can be undone (soft delete). A real
 * application keeps both in its database.
 */
@Component
public class ArticleStore {

    private final Map<Long, Article> live = new ConcurrentHashMap<>();
    private final Map<Long, Article> trash = new ConcurrentHashMap<>();
    /** Ids are never reused: a deleted id keeps answering 410, so a new article must not take it. */
    private final AtomicLong nextId = new AtomicLong(100);
    private final Clock clock;

    public ArticleStore(Clock clock, TombstoneRegistry registry) {
        this.clock = clock;
        seed(registry, 1, "Why 410 beats 404", "A 410 tells clients and crawlers that the removal is deliberate.", "ada");
        seed(registry, 2, "Tombstones in practice", "Soft delete, hard delete, and tombstones forever.", "grace");
    }

    /** Seeds an article unless the tombstone file says it was deleted (the file may outlive a restart). */
    private void seed(TombstoneRegistry registry, long id, String title, String body, String author) {
        if (!buried(registry, ArticleController.path(id))) {
            live.put(id, new Article(id, title, body, author, clock.instant()));
        }
    }

    /**
     * Whether the path has a tombstone; no when a fail-closed store cannot tell yet (started during an outage):
     * the filter answers 503 for the path until the store is back, then whatever the store says.
     */
    private boolean buried(TombstoneRegistry registry, String path) {
        try {
            return registry.find(path, clock.instant()).isPresent();
        } catch (RegistryUnavailableException e) {
            return false;
        }
    }

    public List<Article> list() {
        return live.values().stream().sorted(Comparator.comparingLong(Article::id)).toList();
    }

    public Optional<Article> find(long id) {
        return Optional.ofNullable(live.get(id));
    }

    public Article create(String title, String body, String author) {
        long id = nextId.getAndIncrement();
        Article article = new Article(id, title, body, author, clock.instant());
        live.put(id, article);
        return article;
    }

    /** Moves an article to the trash; empty if there was none. */
    public Optional<Article> moveToTrash(long id) {
        Article article = live.remove(id);
        if (article != null) {
            trash.put(id, article);
        }
        return Optional.ofNullable(article);
    }

    public boolean inTrash(long id) {
        return trash.containsKey(id);
    }

    /** Brings an article back from the trash; empty if it is not there. */
    public Optional<Article> restore(long id) {
        Article article = trash.remove(id);
        if (article != null) {
            live.put(id, article);
        }
        return Optional.ofNullable(article);
    }
}
