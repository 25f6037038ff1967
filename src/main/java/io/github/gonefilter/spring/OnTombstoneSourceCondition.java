package io.github.gonefilter.spring;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnTombstoneSource}; its message shows in Boot's conditions report. */
final class OnTombstoneSourceCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        TombstoneSource wanted = (TombstoneSource) metadata
                .getAnnotationAttributes(ConditionalOnTombstoneSource.class.getName()).get("value");
        TombstoneSource named = TombstoneSource.of(context.getEnvironment());
        ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnTombstoneSource.class, wanted);
        return named == wanted
                ? ConditionOutcome.match(message.foundExactly(named))
                : ConditionOutcome.noMatch(message.found("tombstone source").items(named));
    }
}
