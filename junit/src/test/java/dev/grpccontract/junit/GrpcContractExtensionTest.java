package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import dev.grpccontract.testing.TestingProto;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class GrpcContractExtensionTest {

  static final String ECHO = "grpccontract.test.TestService/Echo";

  static String echo(GrpcClient client, String text) {
    GrpcResponse response = client.invoke(ECHO, "{\"text\": \"" + text + "\"}");
    assertThat(response.code()).isEqualTo(Status.Code.OK);
    return response.as(EchoResponse.class).getText();
  }

  // ---------------------------------------------------------------- declarative, in-process

  static final List<ManagedChannel> CHANNELS = new CopyOnWriteArrayList<>();

  @GrpcTarget(services = TestServiceImpl.class)
  static class InProcessExample {
    @Test
    void injectsEveryKind(
        GrpcClient client, ProtoSchema schema, Channel channel, ManagedChannel managed) {
      assertThat(echo(client, "hi")).isEqualTo("hi");
      assertThat(schema.findService("grpccontract.test.TestService")).isPresent();
      assertThat(channel).isSameAs(managed);
      assertThat(client.channel()).isSameAs(managed);
      CHANNELS.add(managed);
    }

    @Test
    void sharesOneChannelPerClass(ManagedChannel managed) {
      CHANNELS.add(managed);
    }
  }

  @Test
  void hostsServicesInProcessAndInjectsClientSchemaAndChannel() {
    CHANNELS.clear();

    EngineRunner.run(InProcessExample.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));

    assertThat(CHANNELS).hasSize(2);
    assertThat(CHANNELS.get(0)).isSameAs(CHANNELS.get(1));
    assertThat(CHANNELS.get(0).isTerminated()).as("channel closed after the class").isTrue();
  }

  @GrpcTarget(services = TestServiceImpl.class)
  static class FailingFirstExample {
    @Test
    void a_fails(GrpcClient client) {
      assertThat(echo(client, "x")).isEqualTo("not x");
    }

    @Test
    void b_stillWorks(GrpcClient client) {
      assertThat(echo(client, "y")).isEqualTo("y");
    }
  }

  @Test
  void aFailingTestDoesNotBreakTheNextOne() {
    EngineRunner.run(FailingFirstExample.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).failed(1).succeeded(1));
  }

  // ---------------------------------------------------------------- @GrpcService fields

  /** Counts calls, so tests can see which instance answered. */
  static final class CountingService extends TestServiceImpl {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responses) {
      responses.onNext(
          EchoResponse.newBuilder().setText("call " + calls.incrementAndGet()).build());
      responses.onCompleted();
    }
  }

  static final Metadata.Key<String> SEEN =
      Metadata.Key.of("x-seen", Metadata.ASCII_STRING_MARSHALLER);

  static class StaticServiceFieldExample {
    @GrpcService static final CountingService SERVICE = new CountingService();

    @GrpcService
    static final ServerInterceptor TAGGING =
        new ServerInterceptor() {
          @Override
          public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
              io.grpc.ServerCall<Q, R> call,
              Metadata headers,
              io.grpc.ServerCallHandler<Q, R> next) {
            return next.startCall(
                new io.grpc.ForwardingServerCall.SimpleForwardingServerCall<Q, R>(call) {
                  @Override
                  public void sendHeaders(Metadata responseHeaders) {
                    responseHeaders.put(SEEN, "yes");
                    super.sendHeaders(responseHeaders);
                  }
                },
                headers);
          }
        };

    @Test
    @GrpcTarget
    void first(GrpcClient client) {
      GrpcResponse response = client.invoke(ECHO, "{}");
      assertThat(response.headers().get(SEEN)).isEqualTo("yes");
    }

    @Test
    @GrpcTarget
    void second(GrpcClient client) {
      client.invoke(ECHO, "{}");
    }
  }

  @Test
  void staticServiceFieldsAndInterceptorsAreHosted() {
    StaticServiceFieldExample.SERVICE.calls.set(0);

    EngineRunner.run(StaticServiceFieldExample.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(2));

    assertThat(StaticServiceFieldExample.SERVICE.calls).hasValue(2);
  }

  @ProtoSource(classes = TestServiceGrpc.class)
  static class InstanceServiceFieldExample {
    @GrpcService final CountingService service = new CountingService();

    @Test
    void one(GrpcClient client) {
      assertThat(echo(client, "")).isEqualTo("call 1");
      assertThat(service.calls).hasValue(1);
    }

    @Test
    void two(GrpcClient client) {
      assertThat(echo(client, "")).isEqualTo("call 1");
      assertThat(echo(client, "")).isEqualTo("call 2");
    }
  }

  @Test
  void instanceServiceFieldsGetAServerPerTestInstance() {
    EngineRunner.run(InstanceServiceFieldExample.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(2));
  }

  @GrpcTarget
  static class ConstructorWithInstanceFieldsExample {
    @GrpcService final CountingService service = new CountingService();

    ConstructorWithInstanceFieldsExample(GrpcClient client) {}

    @Test
    void never() {}
  }

  @Test
  void constructorInjectionWithInstanceServiceFieldsExplainsWhyNot() {
    EngineRunner.run(ConstructorWithInstanceFieldsExample.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("never"),
                finishedWithFailure(
                    instanceOf(ParameterResolutionException.class),
                    message(
                        m ->
                            m.contains("has instance @GrpcService fields")
                                && m.contains("a constructor runs before the instance exists")))));
  }

  // ---------------------------------------------------------------- constructor and fields

  @GrpcTarget(services = TestServiceImpl.class)
  static class ConstructorAndFieldExample {
    static GrpcClient staticClient;
    final GrpcClient fromConstructor;
    GrpcClient field;
    ProtoSchema schema;
    ManagedChannel channel;

    ConstructorAndFieldExample(GrpcClient client) {
      this.fromConstructor = client;
    }

    @Test
    void injected() {
      assertThat(fromConstructor).isNotNull().isSameAs(field);
      // A static field lives as long as the class: it gets the class's client, not the test's.
      assertThat(staticClient).isNotSameAs(field);
      assertThat(staticClient.channel()).isSameAs(field.channel());
      assertThat(schema).isSameAs(field.schema());
      assertThat(channel).isSameAs(field.channel());
      assertThat(echo(field, "f")).isEqualTo("f");
    }
  }

  @Test
  void injectsConstructorParametersAndFields() {
    EngineRunner.run(ConstructorAndFieldExample.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
  }

  // ---------------------------------------------------------------- where annotations are found

  /** Answers in upper case, to tell it from TestServiceImpl. */
  static final class ShoutingService extends TestServiceImpl {
    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responses) {
      responses.onNext(EchoResponse.newBuilder().setText(request.getText().toUpperCase()).build());
      responses.onCompleted();
    }
  }

  @GrpcTarget(services = TestServiceImpl.class)
  static class MethodOverrideExample {
    @Test
    void classTarget(GrpcClient client) {
      assertThat(echo(client, "a")).isEqualTo("a");
    }

    @Test
    @GrpcTarget(services = ShoutingService.class)
    void methodTarget(GrpcClient client) {
      assertThat(echo(client, "a")).isEqualTo("A");
    }
  }

  @Test
  void methodLevelTargetOverridesTheClass() {
    EngineRunner.run(MethodOverrideExample.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(2));
  }

  @Retention(RetentionPolicy.RUNTIME)
  @GrpcTarget(services = ShoutingService.class, deadline = "2s")
  @ProtoSource(descriptorSet = "classpath:protosets/testing.protoset")
  @interface ShoutingServiceTest {}

  @ShoutingServiceTest
  static class MetaAnnotatedExample {
    @Test
    void composedAnnotationWorks(GrpcClient client, ProtoSchema schema) {
      assertThat(echo(client, "b")).isEqualTo("B");
      // The descriptor set, not the service's generated classes, is the schema.
      assertThat(client.invoke(ECHO, "{}").rawMessage())
          .get()
          .isInstanceOf(com.google.protobuf.DynamicMessage.class);
      assertThat(client.defaultDeadline()).hasSeconds(2);
    }
  }

  @Test
  void metaAnnotationsComposeTargetAndSource() {
    EngineRunner.run(MetaAnnotatedExample.class).testEvents().assertStatistics(s -> s.succeeded(1));
  }

  @GrpcTarget(services = ShoutingService.class)
  abstract static class BaseContract {}

  static class InheritingExample extends BaseContract {
    @Test
    void superclassTarget(GrpcClient client) {
      assertThat(echo(client, "c")).isEqualTo("C");
    }

    @Nested
    class Inner {
      @Test
      void enclosingTarget(GrpcClient client) {
        assertThat(echo(client, "d")).isEqualTo("D");
      }
    }
  }

  @Test
  void targetsAreFoundOnSuperclassesAndEnclosingClasses() {
    EngineRunner.run(InheritingExample.class).testEvents().assertStatistics(s -> s.succeeded(2));
  }

  // ---------------------------------------------------------------- schema sources

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(descriptorSet = "target/test-classes/protosets/testing.protoset")
  static class DescriptorSetPathExample {
    @Test
    void usesDynamicMessages(GrpcClient client) {
      GrpcResponse response = client.invoke(ECHO, "{\"text\": \"p\"}");
      assertThat(response.rawMessage())
          .get()
          .isInstanceOf(com.google.protobuf.DynamicMessage.class);
    }
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(classes = TestingProto.class)
  static class ClassesExample {
    @Test
    void usesGeneratedMessages(GrpcClient client) {
      GrpcResponse response = client.invoke(ECHO, "{\"text\": \"p\"}");
      assertThat(response.rawMessage()).get().isInstanceOf(EchoResponse.class);
    }
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(files = "grpccontract/test/testing.proto")
  static class ProtoFilesExample {
    @Test
    void compilesFromTheDefaultImportPath(GrpcClient client, ProtoSchema schema) {
      assertThat(schema.origin()).contains("proto files [grpccontract/test/testing.proto]");
      GrpcResponse response = client.invoke(ECHO, "{\"text\": \"f\"}");
      assertThat(response.rawMessage())
          .get()
          .isInstanceOf(com.google.protobuf.DynamicMessage.class);
      assertThat(response.as(EchoResponse.class).getText()).isEqualTo("f");
      assertThat(client.describe("grpccontract.test.TestService/Fail"))
          .startsWith(
              "// Ends with the requested status code, description and trailers.\nrpc Fail(");
    }
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(files = "grpccontract/test/testing.proto", importPaths = "src/test/proto")
  @ProtoSource(files = "extra/notes.proto", importPaths = "classpath:protos")
  static class CombinedSourcesExample {
    @Test
    void bothFilesAreInTheSchema(ProtoSchema schema) {
      assertThat(schema.findService("grpccontract.test.TestService")).isPresent();
      assertThat(schema.findService("extra.Notes")).isPresent();
    }
  }

  @Test
  void compilesProtoFilesAtRunTime() {
    EngineRunner.assertAllSucceeded(
        EngineRunner.run(ProtoFilesExample.class, CombinedSourcesExample.class), 2);
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(files = "broken.proto", importPaths = "classpath:broken")
  static class BrokenProtoExample {
    @Test
    void t(GrpcClient client) {}
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(files = "nowhere.proto")
  static class MissingProtoExample {
    @Test
    void t(GrpcClient client) {}
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(files = "x.proto", importPaths = "no/such/dir")
  static class MissingImportPathExample {
    @Test
    void t(GrpcClient client) {}
  }

  @Test
  void protoFileMistakesNameFileLineAndColumn() {
    assertThat(failureOf(BrokenProtoExample.class))
        .contains(
            "@ProtoSource(files = [broken.proto])",
            "does not compile",
            "broken.proto:7:3:",
            "broken.proto:8:");
    assertThat(failureOf(MissingProtoExample.class)).contains("nowhere.proto");
    assertThat(failureOf(MissingImportPathExample.class))
        .contains("no/such/dir", "is not a directory");
  }

  static final List<ProtoSchema> SCHEMAS = new CopyOnWriteArrayList<>();

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(descriptorSet = "classpath:protosets/testing.protoset")
  static class SameSourceOne {
    @Test
    void t(ProtoSchema schema) {
      SCHEMAS.add(schema);
    }
  }

  @GrpcTarget(services = ShoutingService.class)
  @ProtoSource(descriptorSet = "classpath:protosets/testing.protoset")
  static class SameSourceTwo {
    @Test
    void t(ProtoSchema schema) {
      SCHEMAS.add(schema);
    }
  }

  @Test
  void classesWithTheSameSourceShareOneSchema() {
    SCHEMAS.clear();
    EngineRunner.assertAllSucceeded(EngineRunner.run(SameSourceOne.class, SameSourceTwo.class), 2);
    assertThat(SCHEMAS).hasSize(2);
    assertThat(SCHEMAS.get(0)).isSameAs(SCHEMAS.get(1));
  }

  @GrpcTarget(services = TestServiceImpl.class)
  static class SameServicesOne {
    @Test
    void t(ProtoSchema schema) {
      SCHEMAS.add(schema);
    }
  }

  @GrpcTarget(services = ShoutingService.class)
  static class SameServicesTwo {
    @Test
    void t(ProtoSchema schema) {
      SCHEMAS.add(schema);
    }
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(files = "grpccontract/test/testing.proto")
  static class SameFilesOne {
    @Test
    void t(ProtoSchema schema) {
      SCHEMAS.add(schema);
    }
  }

  @GrpcTarget(services = ShoutingService.class)
  @ProtoSource(files = "grpccontract/test/testing.proto")
  static class SameFilesTwo {
    @Test
    void t(ProtoSchema schema) {
      SCHEMAS.add(schema);
    }
  }

  @Test
  void classesHostingTheSameGeneratedServicesOrFilesShareOneSchema() {
    SCHEMAS.clear();
    EngineRunner.assertAllSucceeded(
        EngineRunner.run(
            SameServicesOne.class, SameServicesTwo.class, SameFilesOne.class, SameFilesTwo.class),
        4);
    assertThat(SCHEMAS).hasSize(4);
    assertThat(SCHEMAS.get(0)).as("services").isSameAs(SCHEMAS.get(1));
    assertThat(SCHEMAS.get(2)).as(".proto files").isSameAs(SCHEMAS.get(3));
  }

  @Test
  void loadsDescriptorSetsAndGeneratedClasses() {
    EngineRunner.run(DescriptorSetPathExample.class, ClassesExample.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(2));
  }

  // ---------------------------------------------------------------- configuration mistakes

  @GrpcTarget
  static class NothingToHostExample {
    @Test
    void t(GrpcClient client) {}
  }

  @GrpcTarget(services = TestServiceImpl.class, address = "localhost:1", plaintext = true)
  static class BothExample {
    @Test
    void t(GrpcClient client) {}
  }

  @GrpcTarget(services = TestServiceImpl.class, deadline = "soon")
  static class BadDeadlineExample {
    @Test
    void t(GrpcClient client) {}
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(classes = TestingProto.class, descriptorSet = "x.protoset")
  static class TwoKindsExample {
    @Test
    void t(GrpcClient client) {}
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(descriptorSet = "no/such.protoset")
  static class MissingDescriptorSetExample {
    @Test
    void t(GrpcClient client) {}
  }

  static final class NoDefaultConstructorService extends TestServiceImpl {
    NoDefaultConstructorService(String name) {}
  }

  @GrpcTarget(services = NoDefaultConstructorService.class)
  static class NoConstructorExample {
    @Test
    void t(GrpcClient client) {}
  }

  @GrpcTarget(address = "localhost:1", plaintext = true)
  static class AddressWithoutSchemaExample {
    @Test
    void t(GrpcClient client) {}
  }

  /**
   * Returns the message of the one configuration failure of running {@code example}: a mistake in
   * the class's own target fails the class (its container) once; one in a method's, that test.
   */
  static String failureOf(Class<?> example) {
    EngineExecutionResults results = EngineRunner.run(example);
    List<org.junit.platform.testkit.engine.Event> failed =
        results.allEvents().failed().stream().toList();
    assertThat(failed).as("failures").hasSize(1);
    Throwable failure =
        failed
            .get(0)
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    Throwable cause = failure;
    while (!(cause instanceof ExtensionConfigurationException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertThat(cause).isInstanceOf(ExtensionConfigurationException.class);
    return cause.getMessage();
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(files = "broken.proto", importPaths = "classpath:broken")
  static class BrokenProtoManyTestsExample {
    @Test
    void one(GrpcClient client) {}

    @Test
    void two(GrpcClient client) {}

    @Test
    void three(ProtoSchema schema) {}
  }

  @Test
  void aConfigurationMistakeFailsTheClassOnceNotEveryTest() {
    EngineExecutionResults results = EngineRunner.run(BrokenProtoManyTestsExample.class);

    results.testEvents().assertStatistics(s -> s.started(0));
    assertThat(results.allEvents().failed().stream())
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getTestDescriptor().isContainer())
                    .as("the class fails, not each test")
                    .isTrue());
    assertThat(failureOf(BrokenProtoManyTestsExample.class))
        .contains("broken.proto:7:3: \"Missing\" is not defined.");
  }

  @Test
  void configurationMistakesNameTheCauseAndTheFix() {
    assertThat(failureOf(NothingToHostExample.class))
        .contains("has nothing to talk to", "@GrpcTarget(services = ...)", "@GrpcService");
    assertThat(failureOf(BothExample.class)).contains("address = \"localhost:1\"", "choose one");
    assertThat(failureOf(BadDeadlineExample.class))
        .contains("@GrpcTarget(deadline) = \"soon\" is not a duration", "\"500ms\"");
    assertThat(failureOf(TwoKindsExample.class)).contains("must name exactly one kind of source");
    assertThat(failureOf(MissingDescriptorSetExample.class))
        .contains("no/such.protoset", "nor a classpath resource", "--descriptor_set_out");
    assertThat(failureOf(NoConstructorExample.class))
        .contains("has no no-arg constructor", "@GrpcService");
    assertThat(failureOf(AddressWithoutSchemaExample.class))
        .contains("needs a schema", "@ProtoSource");
  }

  /** Records the thread each call's handler runs on. */
  static final class ThreadRecordingService extends TestServiceImpl {
    static final List<Thread> THREADS = new CopyOnWriteArrayList<>();

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responses) {
      THREADS.add(Thread.currentThread());
      super.echo(request, responses);
    }
  }

  @GrpcTarget(services = ThreadRecordingService.class, directExecutor = true)
  static class DirectExecutorExample {
    @Test
    void handlerRunsOnTheTestThread(GrpcClient client) {
      ThreadRecordingService.THREADS.clear();
      echo(client, "d");
      assertThat(ThreadRecordingService.THREADS).containsExactly(Thread.currentThread());
    }
  }

  @GrpcTarget(services = ThreadRecordingService.class)
  static class DefaultExecutorExample {
    @Test
    void handlerRunsOnAnotherThread(GrpcClient client) {
      ThreadRecordingService.THREADS.clear();
      echo(client, "d");
      assertThat(ThreadRecordingService.THREADS)
          .singleElement()
          .isNotSameAs(Thread.currentThread());
    }
  }

  @Test
  void directExecutorIsOptInAndRunsHandlersOnTheCallingThread() {
    EngineRunner.assertAllSucceeded(
        EngineRunner.run(DirectExecutorExample.class, DefaultExecutorExample.class), 2);
  }

  // ---------------------------------------------------------------- programmatic

  static class ProgrammaticExample {
    static final CountingService SERVICE = new CountingService();

    @RegisterExtension
    static final GrpcContractExtension GRPC =
        GrpcContractExtension.builder()
            .service(SERVICE)
            .deadline(java.time.Duration.ofSeconds(3))
            .build();

    @Test
    void usesTheBuilderService(GrpcClient client) {
      assertThat(echo(client, "")).startsWith("call ");
      assertThat(client.defaultDeadline()).hasSeconds(3);
    }
  }

  static class ProgrammaticPlaceholdersExample {
    @RegisterExtension
    static final GrpcContractExtension GRPC =
        GrpcContractExtension.builder()
            .service(new TestServiceImpl())
            .interceptor(TestServiceImpl.ECHO_METADATA)
            .address("${grpccontract.test.unset.address:}")
            .metadata("x-tenant", "${grpccontract.test.unset.tenant:acme}")
            .build();

    @Test
    void resolvesPlaceholdersLikeTheAnnotation(GrpcClient client) {
      GrpcResponse response = client.invoke(ECHO, "{\"text\": \"hi\"}");
      assertThat(response.code()).isEqualTo(Status.Code.OK);
      assertThat(
              response.headers().get(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER)))
          .isEqualTo("acme");
    }
  }

  @Test
  void theBuilderResolvesPlaceholdersInTheAddressAndMetadata() {
    EngineRunner.assertAllSucceeded(EngineRunner.run(ProgrammaticPlaceholdersExample.class), 1);
  }

  @GrpcTarget(services = TestServiceImpl.class)
  static class ProgrammaticWinsOverAnnotationExample {
    @RegisterExtension
    static final GrpcContractExtension GRPC =
        GrpcContractExtension.builder().service(new ShoutingService()).build();

    static GrpcClient staticClient;

    GrpcClient instanceClient;

    @Test
    void builderTarget(GrpcClient client) {
      assertThat(echo(client, "e")).isEqualTo("E");
      assertThat(echo(staticClient, "s")).as("static field").isEqualTo("S");
      assertThat(echo(instanceClient, "i")).as("instance field").isEqualTo("I");
    }
  }

  /**
   * The builder's extension held in a field whose declared type is only {@code Extension}: the
   * programmatic configuration still wins for the static field, the instance field, parameters and
   * a nested class's static field.
   */
  @GrpcTarget(services = TestServiceImpl.class)
  static class ProgrammaticAsExtensionFieldExample {
    @RegisterExtension
    static final org.junit.jupiter.api.extension.Extension GRPC =
        GrpcContractExtension.builder().service(new ShoutingService()).build();

    static GrpcClient staticClient;

    GrpcClient instanceClient;

    @Test
    void builderTarget(GrpcClient client) {
      assertThat(echo(client, "e")).as("parameter").isEqualTo("E");
      assertThat(echo(staticClient, "s")).as("static field").isEqualTo("S");
      assertThat(echo(instanceClient, "i")).as("instance field").isEqualTo("I");
    }

    @Nested
    class Inner {
      static GrpcClient nestedStaticClient;

      GrpcClient nestedInstanceClient;

      @Test
      void builderTargetInNestedClass(GrpcClient client) {
        assertThat(echo(client, "n")).as("parameter").isEqualTo("N");
        assertThat(echo(nestedStaticClient, "s")).as("nested static field").isEqualTo("S");
        assertThat(echo(nestedInstanceClient, "i")).as("nested instance field").isEqualTo("I");
      }
    }
  }

  @Test
  void programmaticConfigurationWinsEvenWhenTheFieldIsTypedAsExtension() {
    EngineRunner.assertAllSucceeded(EngineRunner.run(ProgrammaticAsExtensionFieldExample.class), 2);
  }

  @Test
  void programmaticExtensionHostsItsServices() {
    EngineRunner.run(ProgrammaticExample.class, ProgrammaticWinsOverAnnotationExample.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));
  }

  // ---------------------------------------------------------------- reflection and open streams

  @ProtoSource(reflection = true)
  static class ReflectionExample {
    @GrpcService static final TestServiceImpl SERVICE = new TestServiceImpl();

    @GrpcService
    static final io.grpc.BindableService REFLECTION =
        io.grpc.protobuf.services.ProtoReflectionServiceV1.newInstance();

    @Test
    void schemaFromTheServer(GrpcClient client, ProtoSchema schema) {
      assertThat(schema.origin()).startsWith("server reflection");
      assertThat(echo(client, "r")).isEqualTo("r");
    }
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(reflection = true)
  static class NoReflectionExample {
    @Test
    void t(GrpcClient client) {}
  }

  @Test
  void reflectionSourceAsksTheServer() {
    EngineRunner.assertAllSucceeded(EngineRunner.run(ReflectionExample.class), 1);
    assertThat(failureOf(NoReflectionExample.class))
        .contains(
            "@ProtoSource(reflection = true) on class", "does not offer gRPC server reflection");
  }

  static final List<dev.grpccontract.client.BidiStream> STREAMS = new CopyOnWriteArrayList<>();

  @GrpcTarget(services = TestServiceImpl.class)
  static class LeftOpenStreamExample {
    @Test
    void opensAndForgets(GrpcClient client) {
      dev.grpccontract.client.BidiStream stream =
          client.bidiStream("grpccontract.test.TestService/Chat");
      stream.send("{\"text\": \"hi\"}");
      STREAMS.add(stream);
    }

    @Test
    void nextTestIsUnaffected(GrpcClient client) {
      assertThat(client.openStreamCount()).isZero();
      assertThat(echo(client, "ok")).isEqualTo("ok");
    }
  }

  @Test
  void streamsLeftOpenAreCancelledWhenTheTestEnds() {
    STREAMS.clear();

    EngineRunner.assertAllSucceeded(EngineRunner.run(LeftOpenStreamExample.class), 2);

    assertThat(STREAMS).hasSize(1);
    assertThat(STREAMS.get(0).isFinished()).isTrue();
    assertThat(STREAMS.get(0).awaitCompletion(java.time.Duration.ofSeconds(1)).code())
        .isEqualTo(Status.Code.CANCELLED);
  }

  // ---------------------------------------------------------------- lifecycle PER_CLASS

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassExample {
    @GrpcService final CountingService service = new CountingService();

    @Test
    void one(GrpcClient client) {
      client.invoke(ECHO, "{}");
    }

    @Test
    void two(GrpcClient client) {
      client.invoke(ECHO, "{}");
      assertThat(service.calls).hasValue(2);
    }
  }

  @Test
  void perClassLifecycleSharesInstanceServices() {
    EngineRunner.run(PerClassExample.class).testEvents().assertStatistics(s -> s.succeeded(2));
  }
}
