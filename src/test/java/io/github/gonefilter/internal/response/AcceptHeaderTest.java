package io.github.gonefilter.internal.response;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptHeaderTest {

    @Test
    void acceptNegotiationFollowsQualityAndSpecificity() {
        assertThat(AcceptHeader.prefersHtml("text/html")).isTrue();
        assertThat(AcceptHeader.prefersHtml("text/html;q=0.9, application/json")).isFalse();
        assertThat(AcceptHeader.prefersHtml("application/json;q=0.5, text/*")).isTrue();
        assertThat(AcceptHeader.prefersHtml("*/*")).isFalse();
        assertThat(AcceptHeader.prefersHtml("text/html;q=0, */*")).isFalse();
        assertThat(AcceptHeader.prefersHtml("TEXT/HTML;Q=1")).isTrue();
        assertThat(AcceptHeader.prefersHtml("text/html;q=abc")).isFalse();
        assertThat(AcceptHeader.prefersHtml(null)).isFalse();
    }
}
