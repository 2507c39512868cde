package dev.grpccontract.junit.internal;

import dev.grpccontract.junit.CompatibleWith;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs the check of {@link CompatibleWith} once before a class's tests. grpc-contract-compat is an
 * optional dependency of this jar, so this class names none of its types: it checks that the jar is
 * there, then hands over to {@link CompatCheck}, which does.
 */
public final class CompatibleWithExtension implements BeforeAllCallback {

  /** Called by JUnit. */
  public CompatibleWithExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    CompatibleWith annotation =
        AnnotationSupport.findAnnotation(
                testClass, CompatibleWith.class, context.getEnclosingTestClasses())
            .orElse(null);
    if (annotation == null) {
      return;
    }
    try {
      Class.forName(
          "dev.grpccontract.compat.SchemaCompatibility", false, testClass.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ExtensionConfigurationException(
          "@CompatibleWith on class "
              + testClass.getName()
              + " needs grpc-contract-compat on the test classpath: add the test dependency"
              + " dev.grpccontract:grpc-contract-compat (its version comes from the BOM)",
          e);
    }
    CompatCheck.run(context, annotation);
  }
}
