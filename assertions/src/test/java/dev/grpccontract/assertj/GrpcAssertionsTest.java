package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.GrpcAssertions.then;
import static dev.grpccontract.assertj.TestProtos.SAY_HELLO;
import static dev.grpccontract.assertj.TestProtos.hello;
import static dev.grpccontract.assertj.TestProtos.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.grpccontract.client.GrpcResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The entry point: each overload returns its assert type, also when AssertJ's own {@code
 * assertThat} is imported next to it (this class imports both).
 */
class GrpcAssertionsTest {

  @Test
  void overloadsResolveNextToAssertjsAssertThat() {
    GrpcResponseAssert response = assertThat(ok(SAY_HELLO, hello("hi")));
    StatusAssert status = assertThat(Status.OK);
    StatusAssert runtime = assertThat(Status.OK.asRuntimeException());
    StatusAssert checked = assertThat(Status.OK.asException());
    ProtoMessageAssert message = assertThat((Message) hello("hi"));
    ProtoMessageAssert dynamic = assertThat(hello("hi"));
    MetadataAssert metadata = assertThat(new Metadata());

    response.isOk();
    status.isOk();
    runtime.isOk();
    checked.isOk();
    message.isEqualToJson("{\"reply\": \"hi\"}");
    dynamic.isEqualToJson("{\"reply\": \"hi\"}");
    metadata.doesNotContainKey("x");
  }

  @Test
  void thenTwinsReturnTheSameAssertTypes() {
    GrpcResponseAssert response = then(ok(SAY_HELLO, hello("hi")));
    StatusAssert status = then(Status.OK);
    StatusAssert runtime = then(Status.OK.asRuntimeException());
    StatusAssert checked = then(Status.OK.asException());
    ProtoMessageAssert message = then(hello("hi"));
    MetadataAssert metadata = then(new Metadata());

    response.isOk();
    status.isOk();
    runtime.isOk();
    checked.isOk();
    message.isEqualToJson("{\"reply\": \"hi\"}");
    metadata.doesNotContainKey("x");
  }

  @Test
  void everyAssertThatHasAThenTwin() throws NoSuchMethodException {
    for (Method method : GrpcAssertions.class.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers()) && method.getName().equals("assertThat")) {
        Method twin = GrpcAssertions.class.getMethod("then", method.getParameterTypes());
        assertThat(twin.getReturnType()).isEqualTo(method.getReturnType());
      }
    }
  }

  @Test
  void concreteAssertClassesCanBeSubclassedWithAPublicConstructorOnTheActual()
      throws NoSuchMethodException {
    List<Class<?>[]> constructors =
        List.of(
            new Class<?>[] {GrpcResponseAssert.class, GrpcResponse.class},
            new Class<?>[] {StatusAssert.class, Status.class},
            new Class<?>[] {StatusAssert.class, StatusRuntimeException.class},
            new Class<?>[] {StatusAssert.class, StatusException.class},
            new Class<?>[] {ProtoMessageAssert.class, Message.class},
            new Class<?>[] {MetadataAssert.class, Metadata.class});
    for (Class<?>[] pair : constructors) {
      assertThat(Modifier.isFinal(pair[0].getModifiers())).as(pair[0].getName()).isFalse();
      assertThat(Modifier.isPublic(pair[0].getConstructor(pair[1]).getModifiers())).isTrue();
    }
  }

  @Test
  void assertsExposeTheActualValue() {
    DynamicMessage message = hello("hi");

    assertThat(GrpcAssertions.assertThat(message).actual()).isSameAs(message);
    assertThat(GrpcAssertions.assertThat(Status.ABORTED.asException()).actual().getCode())
        .isEqualTo(Status.Code.ABORTED);
  }
}
