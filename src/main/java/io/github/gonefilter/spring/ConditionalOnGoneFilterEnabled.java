package io.github.gonefilter.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches unless {@code gone-filter.enabled} is false, read as the binder reads the {@code boolean} property
 * ({@code true}, {@code false}, {@code yes}, {@code on}, {@code 1}, ... in any case); a value that is not a boolean
 * fails start-up naming the key, instead of switching gone-filter off without a word.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnGoneFilterEnabledCondition.class)
public @interface ConditionalOnGoneFilterEnabled {
}
