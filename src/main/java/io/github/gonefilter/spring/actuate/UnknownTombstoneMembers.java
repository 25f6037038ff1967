package io.github.gonefilter.spring.actuate;

import io.github.gonefilter.tombstone.Tombstone;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;

/**
 * Refuses a bury whose JSON body has a member the tombstone does not know, such as {@code maxage}. Actuator binds
 * a write operation's parameters by name and drops every other member, so without this a typo would bury a
 * tombstone without the setting; a tombstone file reports it, and so does the endpoint, with the same message.
 * The same for the tombstone a promotion of the {@code gonemonitor} endpoint buries.
 */
final class UnknownTombstoneMembers implements OperationInvokerAdvisor {

    private final EndpointId endpoint;

    /** For the {@code tombstones} endpoint. */
    UnknownTombstoneMembers() {
        this(TombstonesEndpoint.ID);
    }

    UnknownTombstoneMembers(String endpointId) {
        this.endpoint = EndpointId.of(endpointId);
    }

    @Override
    public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
            OperationInvoker invoker) {
        if (!endpoint.equals(endpointId) || operationType != OperationType.WRITE) {
            return invoker;
        }
        Set<String> known = parameters.stream().map(OperationParameter::getName).collect(Collectors.toSet());
        return context -> {
            Map<String, Object> arguments = context.getArguments();
            if (known.containsAll(arguments.keySet())) {
                return invoker.invoke(context);
            }
            return TombstonesEndpointWebExtension.respond(() -> {
                Map<String, Object> members = new LinkedHashMap<>(arguments);
                Object glob = members.remove("glob"); // the monitor's other name for a pattern
                members.putIfAbsent("path", glob);
                members.values().removeIf(java.util.Objects::isNull);
                Tombstone parsed = TombstonesEndpoint.parse(members); // reports the member
                throw new IllegalArgumentException("not a tombstone: " + parsed); // unreachable for unknown members
            });
        };
    }
}
