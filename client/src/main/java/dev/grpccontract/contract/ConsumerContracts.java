package dev.grpccontract.contract;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the contract file of a consumer and a provider, {@code <consumer>-<provider>.grpc.yaml},
 * from fragments: each test class (or other source of calls) writes its own fragment, and the
 * contract file is rebuilt from every fragment present, sorted, under a lock. So test classes
 * running in parallel threads, and in separate JVMs (surefire forks) sharing the folder, never lose
 * each other's interactions, and the file's bytes do not depend on which class ran first.
 *
 * <p>Fragments are kept in {@code .fragments/<consumer>-<provider>/} beside the contract file, one
 * JSON file per fragment id; a fragment written again replaces the last one of its id. Remove the
 * folder (as {@code mvn clean} does) to drop fragments of classes that no longer exist.
 */
public final class ConsumerContracts {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._]*");

  /** One lock per contract file for the threads of this JVM; file locks are per JVM. */
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private ConsumerContracts() {}

  /**
   * Checks that {@code name} may be part of a file name, as consumer and provider names are.
   *
   * @throws IllegalArgumentException naming what is wrong and what is allowed
   */
  public static String checkName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " name '"
              + name
              + "' cannot name a contract file: use letters, digits, '.' and '_' (starting with a"
              + " letter or digit), e.g. "
              + what
              + " = \""
              + (what.equals("consumer") ? "web" : "orders")
              + "\". '-' is kept to separate consumer and provider in the file name");
    }
    return name;
  }

  /**
   * Returns the contract file's path in {@code directory}: {@code <consumer>-<provider>.grpc.yaml}.
   */
  public static Path contractFile(Path directory, String consumer, String provider) {
    return directory.resolve(
        checkName("consumer", consumer) + "-" + checkName("provider", provider) + Contracts.SUFFIX);
  }

  /**
   * Writes {@code calls} as the fragment {@code fragmentId} (e.g. a test class's name) of the
   * contract between {@code consumer} and {@code provider}, then rebuilds the contract file from
   * all fragments. A fragment without calls still replaces the earlier one of its id. When no
   * fragment has calls, no contract file is left.
   *
   * @return the contract file
   * @throws IllegalArgumentException when a name is not a valid file name part, or two fragments
   *     name an interaction alike
   * @throws UncheckedIOException when the folder cannot be written
   */
  public static Path write(
      Path directory,
      String consumer,
      String provider,
      String fragmentId,
      List<ContractWriter.Call> calls) {
    Path file = contractFile(directory, consumer, provider).toAbsolutePath().normalize();
    Path fragments = file.resolveSibling(".fragments").resolve(consumer + "-" + provider);
    JsonObject fragment = new JsonObject();
    fragment.addProperty("consumer", consumer);
    fragment.addProperty("provider", provider);
    fragment.addProperty("fragment", fragmentId);
    JsonArray interactions = new JsonArray();
    calls.forEach(c -> interactions.add(c.toJson()));
    fragment.add("interactions", interactions);
    ReentrantLock lock = LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
    lock.lock();
    try {
      Files.createDirectories(fragments);
      try (FileChannel channel =
              FileChannel.open(
                  file.resolveSibling(".fragments").resolve(consumer + "-" + provider + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        replace(fragments.resolve(safe(fragmentId) + ".json"), fragment.toString() + "\n");
        rebuild(file, fragments, consumer, provider);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the contract file " + file + " (" + e.getMessage() + ")", e);
    } finally {
      lock.unlock();
    }
    return file;
  }

  private static void rebuild(Path file, Path fragments, String consumer, String provider)
      throws IOException {
    List<Path> parts;
    try (Stream<Path> list = Files.list(fragments)) {
      parts = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<JsonObject> interactions = new ArrayList<>();
    Map<String, String> owners = new java.util.HashMap<>();
    for (Path part : parts) {
      JsonObject fragment =
          JsonParser.parseString(Files.readString(part, StandardCharsets.UTF_8)).getAsJsonObject();
      String id = fragment.get("fragment").getAsString();
      for (JsonElement element : fragment.getAsJsonArray("interactions")) {
        JsonObject interaction = element.getAsJsonObject();
        String name = interaction.get("name").getAsString();
        String other = owners.putIfAbsent(name, id);
        if (other != null) {
          throw new IllegalArgumentException(
              "Two sources of "
                  + file.getFileName()
                  + " name an interaction '"
                  + name
                  + "': "
                  + other
                  + " and "
                  + id
                  + ". Interaction names must be unique in a contract file; rename one test"
                  + " class or method");
        }
        interactions.add(interaction);
      }
    }
    if (interactions.isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    replace(file, ContractWriter.writeJson(consumer, provider, interactions));
  }

  /** Writes {@code text} to a temporary file beside {@code target}, then moves it over. */
  private static void replace(Path target, String text) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9._$-]", "_");
  }
}
