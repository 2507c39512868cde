package dev.grpccontract.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that puts the service under test into a provider state that contract interactions
 * name in {@code given:}, such as {@code "an order exists"}.
 *
 * <p>The method runs before each interaction that needs the state, after {@code @BeforeEach}
 * methods, in the order of the interaction's {@code given} list. It may be static or an instance
 * method, and takes no parameters, or the state's parameters as a {@code Map<String, Object>}, or
 * the {@link dev.grpccontract.contract.Interaction.Given} itself. An interaction that names a state
 * no method handles fails, naming the closest states the class handles.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ProviderState {

  /** The names of the states this method sets up, as the contract files spell them. */
  String[] value();
}
