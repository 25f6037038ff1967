package io.github.gonefilter.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when the {@code gone-filter.*} properties name the given tombstone source: a non-blank
 * {@code gone-filter.tombstones} for {@link TombstoneSource#FILE}, {@code gone-filter.store} for the stores, and
 * neither for {@link TombstoneSource#NONE}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnTombstoneSourceCondition.class)
@interface ConditionalOnTombstoneSource {

    TombstoneSource value();
}
