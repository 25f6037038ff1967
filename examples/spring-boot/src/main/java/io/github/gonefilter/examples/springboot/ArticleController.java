package io.github.gonefilter.examples.springboot;

import io.github.gonefilter.tombstone.PathPattern;
import io.github.gonefilter.tombstone.Tombstone;
import io.github.gonefilter.tombstone.WritableTombstoneRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The articles API. Deleting an article buries a tombstone for its URL, so from the next request on the
 * gone filter answers 410 for it (before this controller is reached); restoring it removes the tombstone. Live
 * articles may be cached, by shared caches longer than by browsers: a cache in front that the filter purges
 * ({@code gone-filter.purge.endpoints}) learns of a deletion or a restore within seconds.
 */
@RestController
@RequestMapping("/api/articles")
class ArticleController {

    /**
     * How long browsers may keep a live article: briefly, because nothing tells them when it is deleted.
     */
    static final Duration ARTICLE_MAX_AGE = Duration.ofMinutes(1);

    /**
     * How long shared caches (a Varnish or CDN in front) may keep a live article: longer, because with
     * {@code gone-filter.purge.*} the filter purges them when the article is deleted or restored. How long they
     * keep its 410 is {@code gone-filter.restorable-max-age}: the tombstone is restorable.
     */
    static final Duration ARTICLE_SHARED_MAX_AGE = Duration.ofMinutes(10);

    private final ArticleStore articles;
    private final WritableTombstoneRegistry tombstones;
    private final Clock clock;

    ArticleController(ArticleStore articles, WritableTombstoneRegistry tombstones, Clock clock) {
        this.articles = articles;
        this.tombstones = tombstones;
        this.clock = clock;
    }

    /** The path of an article within the application: what its tombstone covers. */
    static String path(long id) {
        return "/api/articles/" + id;
    }

    record NewArticle(String title, String body, String author) {
    }

    @GetMapping
    List<Article> list() {
        return articles.list();
    }

    @GetMapping("/{id}")
    ResponseEntity<Article> get(@PathVariable long id) {
        Article article = articles.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(ARTICLE_MAX_AGE).cachePublic().sMaxAge(ARTICLE_SHARED_MAX_AGE))
                .body(article);
    }

    @PostMapping
    ResponseEntity<Article> create(@RequestBody NewArticle request) {
        if (request.title() == null || request.title().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "title is required");
        }
        Article article = articles.create(request.title(), request.body(), request.author());
        return ResponseEntity.created(URI.create(path(article.id()))).body(article);
    }

    /**
     * Deletes an article: buries its tombstone first, so that if writing the tombstone fails the article
     * is still there, then moves the article to the trash.
     */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (articles.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        tombstones.bury(Tombstone.builder(path(id))
                .deletedAt(clock.instant())
                .reason("user_request")
                .message("This article was deleted by its author.")
                .alternative("/api/articles")
                .restorable(true)
                .build());
        articles.moveToTrash(id);
        return ResponseEntity.noContent().build();
    }

    /** Undoes a deletion: the article comes back from the trash and its tombstone is removed. */
    @PostMapping("/{id}/restore")
    Article restore(@PathVariable long id) {
        if (!articles.inTrash(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "article " + id + " is not in the trash");
        }
        tombstones.restore(PathPattern.of(path(id)), false);
        return articles.restore(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
