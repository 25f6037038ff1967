package io.github.gonefilter.examples.springboot;

/** A user of the example API. */
public record User(long id, String name, String email) {
}
