package dev.grpccontract.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads contract files: {@code *.grpc.yaml} files, and Pact V4 files of gRPC interactions ({@code
 * *.json}, see {@link PactFiles}).
 *
 * <p>A location is a file or directory path, or a classpath resource with the {@code classpath:}
 * prefix; either may end in a glob ({@code contracts/*.grpc.yaml}, {@code classpath:contracts/**}).
 * A directory stands for every {@code *.grpc.yaml} file below it. A plain path that does not exist
 * is looked up on the classpath as well. Files are parsed once per JVM (the last parse of each file
 * name is kept with its content hash), so many test classes sharing a contract set pay for one
 * parse.
 */
public final class Contracts {

  /** The file name ending of contract files. */
  public static final String SUFFIX = ".grpc.yaml";

  /** The last parse of each file name: one entry per file, replaced when its text changes. */
  private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

  private Contracts() {}

  /**
   * Loads the contract files at {@code locations}, in order (files of a directory or glob sorted by
   * name).
   *
   * @throws ContractException when a file breaks the format (every problem of the first such file,
   *     with line and column)
   * @throws IllegalArgumentException when a location matches no file, naming what was searched
   * @throws UncheckedIOException when a file cannot be read
   */
  public static List<ContractFile> load(String... locations) {
    return load(Thread.currentThread().getContextClassLoader(), List.of(locations));
  }

  /**
   * Loads contract files as {@link #load(String...)}, finding classpath ones with {@code loader}.
   */
  public static List<ContractFile> load(ClassLoader loader, List<String> locations) {
    List<ContractFile> files = new ArrayList<>();
    for (Source source : resolve(loader, locations)) {
      files.add(parse(source.name(), source.read()));
    }
    return Collections.unmodifiableList(files);
  }

  /**
   * Parses a contract file; {@code name} names the file in problems and test names. A name ending
   * in {@code .json} is read as a Pact V4 file of gRPC interactions ({@link PactFiles#read}),
   * anything else as contract YAML.
   *
   * @throws ContractException listing every problem of the format, with line and column
   */
  public static ContractFile parse(String name, String yaml) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(yaml, "yaml");
    String hash = sha256(yaml);
    Parsed cached = PARSED.get(name);
    if (cached != null && cached.hash().equals(hash)) {
      return cached.file();
    }
    ContractFile file =
        PactFiles.isPactFile(name) ? PactReader.read(name, yaml) : ContractFile.read(name, yaml);
    PARSED.put(name, new Parsed(hash, file));
    return file;
  }

  /** A parsed file and the hash of the text it was parsed from. */
  private record Parsed(String hash, ContractFile file) {}

  /** A contract file found at a location, not yet read. */
  public record Source(String name, Reader reader) {

    /** Reads a source's text. */
    @FunctionalInterface
    public interface Reader {
      /** Returns the file's bytes. */
      byte[] read() throws IOException;
    }

    /** Returns the file's text, as UTF-8. */
    public String read() {
      try {
        return new String(reader.read(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read contract file " + name, e);
      }
    }
  }

  /**
   * Finds the contract files at {@code locations} without reading them, so a runner can report a
   * broken file by itself and go on with the others.
   *
   * @throws IllegalArgumentException when a location matches no file
   */
  public static List<Source> resolve(ClassLoader loader, List<String> locations) {
    Set<String> seen = new LinkedHashSet<>();
    List<Source> sources = new ArrayList<>();
    for (String location : locations) {
      List<Source> found = resolveOne(loader, location.trim());
      if (found.isEmpty()) {
        throw new IllegalArgumentException(
            "No contract files at '"
                + location
                + "' (searched "
                + (location.startsWith("classpath:")
                    ? "the classpath"
                    : Paths.get("").toAbsolutePath() + " and the classpath")
                + "). Give a file, a directory of *"
                + SUFFIX
                + " files, or a glob (pacts/*.json for Pact files); prefix classpath resources"
                + " with 'classpath:'.");
      }
      for (Source source : found) {
        if (seen.add(source.name())) {
          sources.add(source);
        }
      }
    }
    return sources;
  }

  private static List<Source> resolveOne(ClassLoader loader, String location) {
    if (location.startsWith("classpath:")) {
      return classpath(loader, strip(location.substring("classpath:".length())));
    }
    int glob = firstGlob(location);
    Path base =
        Paths.get(glob < 0 ? location : location.substring(0, location.lastIndexOf('/', glob) + 1));
    if (Files.exists(base)) {
      return files(
          base,
          glob < 0
              ? null
              : location.substring(
                  base.toString().isEmpty() ? 0 : location.lastIndexOf('/', glob) + 1));
    }
    return classpath(loader, strip(location));
  }

  private static String strip(String resource) {
    return resource.startsWith("/") ? resource.substring(1) : resource;
  }

  private static int firstGlob(String text) {
    for (int i = 0; i < text.length(); i++) {
      if ("*?[{".indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static List<Source> files(Path base, String pattern) {
    if (Files.isRegularFile(base)) {
      return List.of(new Source(base.toString(), () -> Files.readAllBytes(base)));
    }
    PathMatcher matcher =
        FileSystems.getDefault()
            .getPathMatcher("glob:" + (pattern == null ? "**" + SUFFIX : pattern));
    List<Source> sources = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(base)) {
      walk.filter(Files::isRegularFile)
          .filter(
              p ->
                  matcher.matches(base.relativize(p))
                      || (pattern == null && p.getFileName().toString().endsWith(SUFFIX)))
          .sorted()
          .forEach(p -> sources.add(new Source(p.toString(), () -> Files.readAllBytes(p))));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list contract files under " + base, e);
    }
    return sources;
  }

  private static List<Source> classpath(ClassLoader loader, String location) {
    int glob = firstGlob(location);
    if (glob < 0) {
      URL single = loader.getResource(location);
      if (single != null && !isDirectory(single, location)) {
        return List.of(new Source(location, () -> readUrl(single)));
      }
    }
    String baseDir =
        glob < 0 ? location : location.substring(0, location.lastIndexOf('/', glob) + 1);
    String pattern = glob < 0 ? "**" + SUFFIX : location.substring(baseDir.length());
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    String dir = baseDir.endsWith("/") || baseDir.isEmpty() ? baseDir : baseDir + "/";
    List<Source> sources = new ArrayList<>();
    try {
      Enumeration<URL> roots =
          loader.getResources(dir.isEmpty() ? "" : dir.substring(0, dir.length() - 1));
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        for (String relative : list(root, dir)) {
          boolean matches =
              matcher.matches(Paths.get(relative))
                  || (glob < 0 && relative.endsWith(SUFFIX) && !relative.contains("/"))
                  || (glob < 0 && relative.endsWith(SUFFIX));
          if (matches) {
            String name = dir + relative;
            sources.add(new Source(name, () -> readUrl(loader.getResource(name))));
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new UncheckedIOException(
          "Cannot list contract files under classpath:" + location,
          e instanceof IOException io ? io : new IOException(e));
    }
    sources.sort((a, b) -> a.name().compareTo(b.name()));
    return sources;
  }

  private static boolean isDirectory(URL url, String location) {
    if ("file".equals(url.getProtocol())) {
      try {
        return Files.isDirectory(Paths.get(url.toURI()));
      } catch (URISyntaxException e) {
        return false;
      }
    }
    return location.endsWith("/");
  }

  private static List<String> list(URL root, String dir) throws IOException, URISyntaxException {
    List<String> names = new ArrayList<>();
    if ("file".equals(root.getProtocol())) {
      Path base = Paths.get(root.toURI());
      try (Stream<Path> walk = Files.walk(base)) {
        walk.filter(Files::isRegularFile)
            .forEach(p -> names.add(base.relativize(p).toString().replace('\\', '/')));
      }
    } else if ("jar".equals(root.getProtocol())) {
      JarURLConnection connection = (JarURLConnection) root.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          if (!entry.isDirectory() && entry.getName().startsWith(dir)) {
            names.add(entry.getName().substring(dir.length()));
          }
        }
      }
    }
    return names;
  }

  private static byte[] readUrl(URL url) throws IOException {
    if (url == null) {
      throw new IOException("the resource disappeared");
    }
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
