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
 */
final class UnknownTombstoneMembers implements OperationInvokerAdvisor {

    private static final EndpointId ENDPOINT = EndpointId.of(TombstonesEndpoint.ID);

    @Override
    public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
            OperationInvoker invoker) {
        if (!ENDPOINT.equals(endpointId) || operationType != OperationType.WRITE) {
            return invoker;
        }
        Set<String> known = parameters.stream().map(OperationParameter::getName).collect(Collectors.toSet());
        return context -> {
            Map<String, Object> arguments = context.getArguments();
            if (known.containsAll(arguments.keySet())) {
                return invoker.invoke(context);
            }
            return TombstonesEndpointWebExtension.respond(() -> {
                Tombstone parsed = TombstonesEndpoint.parse(new LinkedHashMap<>(arguments)); // reports the member
                throw new IllegalArgumentException("not a tombstone: " + parsed); // unreachable for unknown members
            });
        };
    }
}
