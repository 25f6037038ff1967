package io.github.gonefilter.examples.springboot;

import java.time.Instant;

/** An article of the example API. */
public record Article(long id, String title, String body, String author, Instant createdAt) {
}
