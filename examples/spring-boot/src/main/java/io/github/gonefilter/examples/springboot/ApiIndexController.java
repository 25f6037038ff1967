package io.github.gonefilter.examples.springboot;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The entry point of the current API, and the {@code alternative} that the retired {@code /api/v1} points to. */
@RestController
class ApiIndexController {

    @GetMapping("/api")
    Map<String, String> index() {
        return Map.of(
                "articles", "/api/articles",
                "users", "/api/users");
    }
}
