package dev.grpccontract.proto;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.internal.RequestConverter;
import dev.grpccontract.compiler.CompilationResult;
import dev.grpccontract.compiler.ProtoCompiler;
import dev.grpccontract.internal.Names;
import dev.grpccontract.proto.internal.DependencyRepair;
import dev.grpccontract.proto.internal.Describer;
import dev.grpccontract.proto.internal.FileDescriptors;
import dev.grpccontract.proto.internal.GeneratedTypes;
import dev.grpccontract.proto.internal.Reflection;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable set of protobuf file descriptors with lookup of services, methods and message types
 * by full name: what the dynamic client calls and what its JSON is checked against.
 *
 * <p>Load one from {@code .proto} files compiled at run time ({@link #fromProtoFiles(List, List)}),
 * from a descriptor set ({@link #fromDescriptorSet(Path)}), from generated classes ({@link
 * #fromClasses(Class[])}), from in-process services ({@link #fromServices(Collection)}) or from a
 * server through reflection ({@link #fromReflection(Channel)}) or from file descriptors ({@link
 * #of(Collection)}). A schema holds its files' whole import closure.
 *
 * <p>Instances are immutable and thread-safe. When the descriptors come from generated classes on
 * the classpath, the schema remembers those classes, so calls marshal the generated types exactly
 * as generated stubs do.
 */
public final class ProtoSchema {

  private final String origin;
  private final List<FileDescriptor> files;
  private final Map<String, ServiceDescriptor> services = new LinkedHashMap<>();
  private final Map<String, MethodDescriptor> methods = new LinkedHashMap<>();
  private final Map<String, Descriptor> messages = new LinkedHashMap<>();
  private final Map<String, EnumDescriptor> enums = new LinkedHashMap<>();
  private final Map<Descriptor, Message> prototypes;
  private final JsonFormat.TypeRegistry typeRegistry;
  private volatile RequestConverter converter;
  private final Map<String, io.grpc.MethodDescriptor<Message, Message>> grpcMethods =
      new ConcurrentHashMap<>();

  private ProtoSchema(
      String origin, Collection<FileDescriptor> roots, Map<Descriptor, Message> prototypes) {
    this.origin = origin;
    this.files = List.copyOf(FileDescriptors.closure(roots));
    this.prototypes = Collections.unmodifiableMap(new IdentityHashMap<>(prototypes));
    JsonFormat.TypeRegistry.Builder registry = JsonFormat.TypeRegistry.newBuilder();
    for (FileDescriptor file : files) {
      for (ServiceDescriptor service : file.getServices()) {
        services.put(service.getFullName(), service);
        for (MethodDescriptor method : service.getMethods()) {
          methods.put(service.getFullName() + "/" + method.getName(), method);
        }
      }
      for (Descriptor message : file.getMessageTypes()) {
        indexMessage(message);
      }
      for (EnumDescriptor e : file.getEnumTypes()) {
        enums.put(e.getFullName(), e);
      }
    }
    registry.add(messages.values());
    this.typeRegistry = registry.build();
  }

  private void indexMessage(Descriptor message) {
    messages.put(message.getFullName(), message);
    for (Descriptor nested : message.getNestedTypes()) {
      indexMessage(nested);
    }
    for (EnumDescriptor e : message.getEnumTypes()) {
      enums.put(e.getFullName(), e);
    }
  }

  /**
   * Returns a schema of the given files and everything they import.
   *
   * @throws IllegalArgumentException when two different files have the same name
   */
  public static ProtoSchema of(Collection<FileDescriptor> files) {
    Objects.requireNonNull(files, "files");
    GeneratedTypes generated = new GeneratedTypes();
    List<FileDescriptor> closure = FileDescriptors.closure(files);
    generated.resolveByName(closure);
    return new ProtoSchema("file descriptors " + names(files), closure, generated.prototypes());
  }

  /**
   * Returns a schema of the given files and everything they import. See {@link #of(Collection)}.
   */
  public static ProtoSchema of(FileDescriptor... files) {
    return of(Arrays.asList(files));
  }

  /**
   * Reads a {@code FileDescriptorSet} file, as {@code protoc --include_imports
   * --descriptor_set_out} and grpcurl's {@code -protoset-out} write it.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a descriptor set or lacks an imported file
   */
  public static ProtoSchema fromDescriptorSet(Path path) {
    Objects.requireNonNull(path, "path");
    try (InputStream in = Files.newInputStream(path)) {
      return fromDescriptorSet(in, "descriptor set " + path);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(
          "Descriptor set "
              + path.toAbsolutePath()
              + " does not exist; write one with protoc --include_imports"
              + " --descriptor_set_out="
              + path,
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read descriptor set " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a {@code FileDescriptorSet} from a classpath resource of the given class loader.
   *
   * @param resource a resource name such as {@code "protos/hello.protoset"} (a leading {@code /} is
   *     ignored)
   * @throws IllegalArgumentException when there is no such resource or it is not a descriptor set
   */
  public static ProtoSchema fromDescriptorSetResource(String resource, ClassLoader loader) {
    Objects.requireNonNull(resource, "resource");
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader classLoader = loader != null ? loader : ProtoSchema.class.getClassLoader();
    try (InputStream in = classLoader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "No classpath resource '"
                + name
                + "' holds a descriptor set; check the name and that"
                + " the file is under src/test/resources or src/main/resources");
      }
      return fromDescriptorSet(in, "descriptor set classpath:" + name);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read classpath resource " + name, e);
    }
  }

  /** Builds a schema of every file of {@code set}. */
  public static ProtoSchema fromDescriptorSet(FileDescriptorSet set) {
    return fromDescriptorSet(set, "descriptor set");
  }

  /**
   * Builds a schema of every file of {@code set}.
   *
   * @param origin where the set came from, named in error messages ({@code "orders.protoset"})
   * @throws IllegalArgumentException when the set is empty, lacks an imported file, or holds an
   *     invalid file
   */
  public static ProtoSchema fromDescriptorSet(FileDescriptorSet set, String origin) {
    return fromFileDescriptorSet(Objects.requireNonNull(set, "set"), origin);
  }

  private static ProtoSchema fromDescriptorSet(InputStream in, String origin) throws IOException {
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(in, ExtensionRegistry.getEmptyRegistry());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          origin + " is not a FileDescriptorSet (" + e.getMessage() + ")", e);
    }
    return fromFileDescriptorSet(set, origin);
  }

  private static ProtoSchema fromFileDescriptorSet(FileDescriptorSet set, String origin) {
    if (set.getFileCount() == 0) {
      throw new IllegalArgumentException(origin + " holds no files");
    }
    return new ProtoSchema(origin, FileDescriptors.build(set.getFileList(), origin), Map.of());
  }

  /**
   * Returns the schema of generated code: message, enum and outer classes protoc generated, or
   * {@code *Grpc} classes protoc-gen-grpc-java generated. Each class brings its whole file and its
   * imports; messages keep their generated Java types.
   *
   * @throws IllegalArgumentException when a class is not generated code
   */
  public static ProtoSchema fromClasses(Class<?>... classes) {
    GeneratedTypes generated = new GeneratedTypes();
    for (Class<?> type : classes) {
      generated.addClass(Objects.requireNonNull(type, "class"));
    }
    List<FileDescriptor> closure = FileDescriptors.closure(generated.files());
    generated.resolveByName(closure);
    List<String> names = new ArrayList<>();
    for (Class<?> type : classes) {
      names.add(type.getSimpleName());
    }
    return new ProtoSchema("classes " + names, closure, generated.prototypes());
  }

  /**
   * Returns the schema of in-process services, from the proto descriptors their generated base
   * classes carry.
   *
   * @param services {@link BindableService}s or {@link ServerServiceDefinition}s
   * @throws IllegalArgumentException when a service carries no proto descriptor
   */
  public static ProtoSchema fromServices(Collection<?> services) {
    GeneratedTypes generated = new GeneratedTypes();
    List<String> names = new ArrayList<>();
    for (Object service : services) {
      ServerServiceDefinition definition;
      if (service instanceof BindableService) {
        definition = ((BindableService) service).bindService();
      } else if (service instanceof ServerServiceDefinition) {
        definition = (ServerServiceDefinition) service;
      } else {
        throw new IllegalArgumentException(
            "Expected a BindableService or ServerServiceDefinition but got " + service);
      }
      names.add(definition.getServiceDescriptor().getName());
      generated.addServiceDefinition(definition);
    }
    List<FileDescriptor> closure = FileDescriptors.closure(generated.files());
    generated.resolveByName(closure);
    return new ProtoSchema("services " + names, closure, generated.prototypes());
  }

  /**
   * Compiles {@code .proto} files at run time with grpc-contract's pure-Java compiler, which
   * produces the descriptors protoc would; k6's {@code client.load(importPaths, ...files)}. The
   * well-known types ({@code google/protobuf/*.proto}) need no import path. Comments are kept (as
   * {@code protoc --include_source_info} keeps them), so {@link #describe(String)} shows them.
   *
   * @param importPaths directories the files and their imports are found in, searched in order
   * @param files file names relative to an import path ({@code "acme/orders/v1/orders.proto"})
   * @throws dev.grpccontract.compiler.ProtoCompilationException with every error, each as {@code
   *     file:line:column: message}, when the files do not compile or cannot be found
   */
  public static ProtoSchema fromProtoFiles(List<Path> importPaths, List<String> files) {
    Objects.requireNonNull(importPaths, "importPaths");
    Objects.requireNonNull(files, "files");
    ProtoCompiler.Builder compiler = ProtoCompiler.builder().includeSourceInfo(true);
    importPaths.forEach(compiler::addImportPath);
    return fromCompilation(
        compiler.build().compile(files), "proto files " + files + " in " + importPaths);
  }

  /**
   * Returns the schema of a compilation (for compilers configured with classpath roots or in-memory
   * sources).
   */
  public static ProtoSchema fromCompilation(CompilationResult result, String origin) {
    Objects.requireNonNull(result, "result");
    return new ProtoSchema(origin, result.fileDescriptors(), Map.of());
  }

  /**
   * Asks a server for its schema through gRPC server reflection ({@code grpc.reflection.v1},
   * falling back to {@code v1alpha}), fetching every listed service's file and its imports, with a
   * deadline of 10 seconds.
   *
   * <p>Some servers (Node's {@code @grpc/reflection}) send files with an empty import list. When a
   * file names a type that another file of the answer (or a well-known type) defines, the import is
   * added and a warning (logger {@code dev.grpccontract.proto.ProtoSchema}) says what was repaired.
   *
   * @throws IllegalStateException when the server offers no reflection (the message suggests the
   *     other sources) or the reflection call fails
   */
  public static ProtoSchema fromReflection(Channel channel) {
    return fromReflection(channel, null, Duration.ofSeconds(10));
  }

  /**
   * Asks a server for its schema through reflection, sending {@code metadata} (credentials, for
   * example) with the reflection call; k6's {@code reflectMetadata}.
   *
   * @param metadata sent with the reflection call, or {@code null} for none
   * @param timeout the deadline of the whole reflection exchange
   */
  public static ProtoSchema fromReflection(Channel channel, Metadata metadata, Duration timeout) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(timeout, "timeout");
    Reflection.Result result = Reflection.fetch(channel, metadata, timeout);
    String origin = "server reflection (" + result.version() + ")";
    if (result.files().isEmpty()) {
      return new ProtoSchema(origin, List.of(), Map.of());
    }
    DependencyRepair.Result repaired =
        DependencyRepair.repair(result.files(), FileDescriptors.wellKnownFiles());
    if (!repaired.repairs().isEmpty()) {
      origin =
          "server reflection ("
              + result.version()
              + ", "
              + repaired.repairs().size()
              + " missing imports added)";
      System.getLogger(ProtoSchema.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "Server reflection sent files without the imports they need (a known bug of some"
                  + " reflection servers, such as Node's @grpc/reflection); grpc-contract repaired"
                  + " them: "
                  + String.join("; ", repaired.repairs()));
    }
    return new ProtoSchema(origin, FileDescriptors.build(repaired.files(), origin), Map.of());
  }

  /**
   * Returns a schema with the files of both schemas.
   *
   * @throws IllegalArgumentException when both hold a file of the same name with other content
   */
  public ProtoSchema plus(ProtoSchema other) {
    List<FileDescriptor> all = new ArrayList<>(files);
    all.addAll(other.files);
    Map<Descriptor, Message> allPrototypes = new IdentityHashMap<>(prototypes);
    allPrototypes.putAll(other.prototypes);
    return new ProtoSchema(origin + " + " + other.origin, all, allPrototypes);
  }

  /** Returns every file of the schema, each after the files it imports. */
  public List<FileDescriptor> files() {
    return files;
  }

  /** Returns every service of the schema, in file order. */
  public List<ServiceDescriptor> services() {
    return List.copyOf(services.values());
  }

  /** Returns the full names of every method, {@code "package.Service/Method"}, in file order. */
  public List<String> methodNames() {
    return List.copyOf(methods.keySet());
  }

  /**
   * Returns the service of that full name.
   *
   * @throws IllegalArgumentException when the schema has no such service, naming the closest
   */
  public ServiceDescriptor service(String fullName) {
    return findService(stripDot(fullName))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No service '"
                        + fullName
                        + "' in the schema ("
                        + origin
                        + ")"
                        + Names.didYouMean(stripDot(fullName), services.keySet())
                        + "; it has "
                        + services.keySet()));
  }

  /**
   * Describes a service, method ({@code "package.Service/Method"}), message or enum in {@code
   * .proto} syntax, with the comments of the schema's source info when it has them; like {@code
   * grpcurl describe}.
   *
   * @throws IllegalArgumentException when the schema has no element of that name
   */
  public String describe(String name) {
    Objects.requireNonNull(name, "name");
    String key = stripDot(name.trim());
    if (services.containsKey(key)) {
      return Describer.describe(services.get(key));
    }
    if (messages.containsKey(key)) {
      return Describer.describe(messages.get(key));
    }
    if (enums.containsKey(key)) {
      return Describer.describe(enums.get(key));
    }
    MethodDescriptor method = methods.get(normalize(key));
    if (method != null) {
      return Describer.describe(method);
    }
    List<String> all = new ArrayList<>(services.keySet());
    all.addAll(methods.keySet());
    all.addAll(messages.keySet());
    all.addAll(enums.keySet());
    throw new IllegalArgumentException(
        "Nothing named '" + name + "' in the schema (" + origin + ")" + Names.didYouMean(key, all));
  }

  /** Finds a service by its full name ({@code "package.Service"}). */
  public Optional<ServiceDescriptor> findService(String fullName) {
    return Optional.ofNullable(services.get(fullName));
  }

  /**
   * Finds a method by its full name: {@code "package.Service/Method"}, also written {@code
   * "/package.Service/Method"} or {@code "package.Service.Method"}.
   */
  public Optional<MethodDescriptor> findMethod(String name) {
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(methods.get(normalize(name)));
  }

  /**
   * Returns the method of that full name.
   *
   * @throws IllegalArgumentException when the schema has no such method; the message lists the
   *     closest names the schema has
   */
  public MethodDescriptor method(String name) {
    return findMethod(name)
        .orElseThrow(
            () -> {
              String wanted = normalize(name);
              List<String> close = Names.closest(wanted, methods.keySet(), 5);
              if (close.isEmpty()) {
                String method = wanted.substring(wanted.indexOf('/') + 1);
                List<String> sameName = new ArrayList<>();
                for (String candidate : methods.keySet()) {
                  if (candidate.substring(candidate.indexOf('/') + 1).equalsIgnoreCase(method)) {
                    sameName.add(candidate);
                  }
                }
                close = sameName;
              }
              return new IllegalArgumentException(
                  "No method '"
                      + name
                      + "' in the schema ("
                      + origin
                      + ")."
                      + (close.isEmpty() ? "" : " Closest: " + String.join(", ", close) + ".")
                      + " Methods are named 'package.Service/Method'; the schema has "
                      + (methods.isEmpty()
                          ? "no services at all"
                          : methods.size() + " methods in services " + services.keySet()));
            });
  }

  /**
   * Finds a message type by its full name ({@code "package.Message"} or nested {@code "a.B.C"}).
   */
  public Optional<Descriptor> findMessageType(String fullName) {
    return Optional.ofNullable(messages.get(stripDot(fullName)));
  }

  /**
   * Returns the message type of that full name.
   *
   * @throws IllegalArgumentException when there is none, naming the closest
   */
  public Descriptor messageType(String fullName) {
    return findMessageType(fullName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No message type '"
                        + fullName
                        + "' in the schema ("
                        + origin
                        + ")"
                        + Names.didYouMean(stripDot(fullName), messages.keySet())));
  }

  /** Finds an enum type by its full name. */
  public Optional<EnumDescriptor> findEnumType(String fullName) {
    return Optional.ofNullable(enums.get(stripDot(fullName)));
  }

  /**
   * Returns an empty message of the given type: the generated default instance when the schema came
   * from generated classes, otherwise a {@link DynamicMessage}.
   */
  public Message defaultInstance(Descriptor type) {
    Message prototype = prototypes.get(type);
    return prototype != null ? prototype : DynamicMessage.getDefaultInstance(type);
  }

  /**
   * Builds a message of one of the schema's types from JSON text, a {@code Map<String, ?>} (nested
   * maps and lists) or a {@code Message} of that type, the way the client builds requests: for
   * fields of a request, expected values, or {@code Any} payloads.
   *
   * <pre>{@code
   * DynamicMessage item = schema.message("shop.Item", "{\"sku\": \"A-1\", \"quantity\": 2}");
   * }</pre>
   *
   * @param type the message type's full name, {@code "package.Message"}
   * @param value JSON text, a {@code Map} or a {@code Message}
   * @return a {@link DynamicMessage} of that type (unset required fields are allowed)
   * @throws IllegalArgumentException when the schema has no such type (naming the closest), or the
   *     value does not fit it (naming the field path and the closest field names)
   */
  public DynamicMessage message(String type, Object value) {
    Descriptor descriptor = messageType(type);
    RequestConverter converter = this.converter;
    if (converter == null) {
      converter = new RequestConverter(typeRegistry);
      this.converter = converter;
    }
    Message built =
        converter.convert("The message", DynamicMessage.getDefaultInstance(descriptor), value);
    return built instanceof DynamicMessage
        ? (DynamicMessage) built
        : DynamicMessage.newBuilder(descriptor).mergeFrom(built).buildPartial();
  }

  /** Returns a registry of every message type of the schema, for JSON with {@code Any} fields. */
  public JsonFormat.TypeRegistry typeRegistry() {
    return typeRegistry;
  }

  /**
   * Returns the grpc-java descriptor to call {@code name} with, built once per schema. Its
   * marshallers read and write the schema's types ({@link #defaultInstance}).
   *
   * @throws IllegalArgumentException when the schema has no such method
   */
  public io.grpc.MethodDescriptor<Message, Message> grpcMethod(String name) {
    io.grpc.MethodDescriptor<Message, Message> cached = grpcMethods.get(name);
    if (cached != null) {
      return cached;
    }
    MethodDescriptor method = method(name);
    return grpcMethods.computeIfAbsent(name, key -> buildGrpcMethod(method));
  }

  @SuppressWarnings("unchecked")
  private io.grpc.MethodDescriptor<Message, Message> buildGrpcMethod(MethodDescriptor method) {
    io.grpc.MethodDescriptor.MethodType type;
    if (method.isClientStreaming()) {
      type =
          method.isServerStreaming()
              ? io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING
              : io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING;
    } else {
      type =
          method.isServerStreaming()
              ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
              : io.grpc.MethodDescriptor.MethodType.UNARY;
    }
    io.grpc.MethodDescriptor.Marshaller<?> request =
        ProtoUtils.marshaller(defaultInstance(method.getInputType()));
    io.grpc.MethodDescriptor.Marshaller<?> response =
        ProtoUtils.marshaller(defaultInstance(method.getOutputType()));
    return io.grpc.MethodDescriptor.<Message, Message>newBuilder()
        .setType(type)
        .setFullMethodName(
            io.grpc.MethodDescriptor.generateFullMethodName(
                method.getService().getFullName(), method.getName()))
        .setRequestMarshaller((io.grpc.MethodDescriptor.Marshaller<Message>) request)
        .setResponseMarshaller((io.grpc.MethodDescriptor.Marshaller<Message>) response)
        .setSampledToLocalTracing(true)
        .build();
  }

  /** Returns where the schema came from, for error messages ("descriptor set hello.protoset"). */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "ProtoSchema{" + origin + ", services=" + services.keySet() + "}";
  }

  private static String normalize(String name) {
    String trimmed = name.trim();
    if (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    if (trimmed.indexOf('/') < 0) {
      int dot = trimmed.lastIndexOf('.');
      if (dot > 0) {
        trimmed = trimmed.substring(0, dot) + "/" + trimmed.substring(dot + 1);
      }
    }
    return trimmed;
  }

  private static String stripDot(String fullName) {
    return fullName.startsWith(".") ? fullName.substring(1) : fullName;
  }

  private static List<String> names(Collection<FileDescriptor> files) {
    List<String> names = new ArrayList<>();
    for (FileDescriptor file : files) {
      names.add(file.getName());
    }
    return names;
  }
}
