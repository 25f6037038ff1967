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
    void theBuiltInPageShowsEachPartOnlyWhenThereIsAValue() {
        Map<String, String> values = new HashMap<>(Map.of("status", "410", "title", "Gone",
                "heading", "This page has been removed", "message", "Bye", "lang", "en"));
        String bare = HtmlTemplate.builtIn().render(values);
        assertThat(bare).contains("<title>This page has been removed</title>").contains("<p>Bye</p>")
                .doesNotContain("href").doesNotContain("<time").doesNotContain("Blocked by");
        values.put("alternative", "https://example.com/new");
        values.put("deletedAt", "2024-01-15T10:00:00Z");
        values.put("deletedDate", "January 15, 2024");
        values.put("blockedBy", "https://example.com/legal");
        assertThat(HtmlTemplate.builtIn().render(values))
                .contains("<a class=\"action\" href=\"https://example.com/new\">")
                .contains("<time datetime=\"2024-01-15T10:00:00Z\">January 15, 2024</time>")
                .contains("Blocked by <a href=\"https://example.com/legal\">");
    }

    @Test
    void everyPlaceholderIsEscapedInTheBuiltInPage() {
        Map<String, String> values = new HashMap<>();
        for (String name : HtmlTemplate.PLACEHOLDERS) {
            values.put(name, "\"'><script>x</script>&" + name);
        }
        String page = HtmlTemplate.builtIn().render(values);
        assertThat(page).doesNotContain("<script").doesNotContain("\"'>");
        assertThat(page.chars().filter(c -> c == '<').count())
                .as("only the template's own tags").isEqualTo(HtmlTemplate.builtIn().render(Map.of("message", "m",
                        "alternative", "a", "deletedAt", "d", "blockedBy", "b")).chars().filter(c -> c == '<').count());
    }

    @Test
    void templatesWrittenForTheFirstPlaceholdersStillWork() {
        HtmlTemplate old = HtmlTemplate.parse("<h1>{{status}} {{title}}</h1><p>{{message}}</p>{{?alternative}}"
                + "<a href=\"{{alternative}}\">{{alternative}}</a>{{/alternative}}{{?deletedAt}}{{deletedAt}}{{/deletedAt}}"
                + "{{reason}}{{path}}");
        assertThat(old.render(Map.of("status", "410", "title", "Gone", "message", "m", "path", "/p")))
                .isEqualTo("<h1>410 Gone</h1><p>m</p>/p");
    }
}
