package dev.aigcmark.testing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;

/**
 * Gives every jqwik property a seed derived from {@link TestSeed} and its own name, so property tests are as
 * reproducible as the rest (jqwik otherwise draws a fresh seed per run and replays past failures from its
 * database). Registered for all properties through {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook};
 * a seed written on {@code @Property} still wins.
 */
public final class JqwikSeeds implements AroundPropertyHook {

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public boolean appliesTo(Optional<AnnotatedElement> element) {
        return true;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        if (context.attributes().seed().isEmpty()) {
            String name = context.containerClass().getName() + "#" + context.targetMethod().getName();
            context.attributes().setSeed(Long.toString(TestSeed.derive("jqwik:" + name)));
        }
        return property.execute();
    }

    /** Outermost, so the seed is set before any other hook starts the property. */
    @Override
    public int aroundPropertyProximity() {
        return -100;
    }
}
