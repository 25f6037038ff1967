package io.github.gonefilter.examples.springboot;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Drafts: only signed-in users see them (SecurityConfiguration). Draft 5 was deleted: its tombstone answers 410 to
 * a signed-in user; to anyone else Spring Security answers 401 first, so the deletion is not revealed.
 */
@RestController
@RequestMapping("/api/drafts")
class DraftController {

    private final Map<Long, String> drafts = Map.of(1L, "Why 410 beats 404, part two");

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id) {
        String title = drafts.get(id);
        if (title == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Map.of("id", id, "title", title);
    }
}
