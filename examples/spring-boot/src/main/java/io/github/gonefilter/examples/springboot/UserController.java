package io.github.gonefilter.examples.springboot;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The users API. User 42 was erased on request: the shipped tombstone gives it visibility {@code not_found},
 * so it answers exactly like a user that never existed. {@code /api/users/export} is scheduled for removal:
 * until then it works and carries {@code Deprecation} and {@code Sunset} headers.
 */
@RestController
@RequestMapping("/api/users")
class UserController {

    private final Map<Long, User> users = Map.of(
            1L, new User(1, "Ada", "ada@example.com"),
            2L, new User(2, "Grace", "grace@example.com"),
            3L, new User(3, "Linus", "linus@example.com"));

    @GetMapping
    List<User> list() {
        return users.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    @GetMapping("/{id:\\d+}")
    User get(@PathVariable long id) {
        User user = users.get(id);
        if (user == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return user;
    }

    @GetMapping(path = "/export", produces = "text/csv")
    String export() {
        return "id,name\n" + list().stream().map(u -> u.id() + "," + u.name()).collect(Collectors.joining("\n")) + "\n";
    }
}
