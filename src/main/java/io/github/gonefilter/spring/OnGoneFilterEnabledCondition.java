package io.github.gonefilter.spring;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnGoneFilterEnabled}: binds the property with Spring's binder, so that it
 * agrees with {@link GoneFilterProperties#isEnabled()} and a bad value throws the binder's error naming the key.
 */
final class OnGoneFilterEnabledCondition extends SpringBootCondition {

    static final String PROPERTY = GoneFilterProperties.PREFIX + ".enabled";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean enabled = Binder.get(context.getEnvironment()).bind(PROPERTY, Boolean.class).orElse(true);
        ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnGoneFilterEnabled.class);
        return enabled ? ConditionOutcome.match(message.because(PROPERTY + " is true or not set"))
                : ConditionOutcome.noMatch(message.because(PROPERTY + " is false"));
    }
}
