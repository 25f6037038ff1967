package io.github.gonefilter.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTemplateTest {

    @Test
    void everyValueIsEscapedAndSectionsNeedAValue() {
        HtmlTemplate t = HtmlTemplate.parse("<a href=\"{{alternative}}\">{{message}}</a>{{?reason}}[{{reason}}]{{/reason}}");
        Map<String, String> values = new HashMap<>();
        values.put("alternative", "/x?a=1&b=\"2\"");
        values.put("message", "<img src=x onerror=alert(1)>");
        assertThat(t.render(values))
                .isEqualTo("<a href=\"/x?a=1&amp;b=&quot;2&quot;\">&lt;img src=x onerror=alert(1)&gt;</a>");
        values.put("reason", "it's");
        assertThat(t.render(values)).endsWith("[it&#39;s]");
    }

    @Test
    void mistakesAreReportedWithTheirOffset() {
        assertThatThrownBy(() -> HtmlTemplate.parse("x {{nope}}")).hasMessageContaining("unknown placeholder '{{nope}}' at offset 2");
        assertThatThrownBy(() -> HtmlTemplate.parse("{{message")).hasMessageContaining("unclosed '{{' at offset 0");
        assertThatThrownBy(() -> HtmlTemplate.parse("{{?reason}}x")).hasMessageContaining("has no '{{/reason}}'");
    }

    @Test
    void theBuiltInPageShowsTheAlternativeOnlyWhenThereIsOne() {
        Map<String, String> values = new HashMap<>(Map.of("status", "410", "title", "Gone", "message", "Bye"));
        assertThat(HtmlTemplate.builtIn().render(values)).contains("<title>410 Gone</title>").contains("<p>Bye</p>")
                .doesNotContain("href");
        values.put("alternative", "https://example.com/new");
        assertThat(HtmlTemplate.builtIn().render(values)).contains("<a href=\"https://example.com/new\">");
    }

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
