package dev.grpccontract.compiler.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The source tree: in-memory files, then roots in order, then the bundled well-known types. */
public final class Sources implements CompilerCore.SourceTree {

  /** One place files are looked up in. */
  public interface Root {
    String read(String name);

    String describe();

    /** The path protoc would print for a file found here, or null. */
    default String diskPath(String name) {
      return null;
    }
  }

  private final Map<String, String> inMemory;
  private final List<Root> roots;

  /** Creates a tree; the arguments are copied. */
  public Sources(Map<String, String> inMemory, List<Root> roots) {
    this.inMemory = new LinkedHashMap<>(inMemory);
    this.roots = new ArrayList<>(roots);
    this.roots.add(classpath("", Sources.class.getClassLoader()));
  }

  /** A directory root. */
  public static Root directory(Path dir) {
    return directory(dir, dir.toString());
  }

  /** A directory root whose files are shown as {@code display + "/" + name}, as protoc does. */
  public static Root directory(Path dir, String display) {
    return new Root() {
      @Override
      public String diskPath(String name) {
        if (!valid(name) || !Files.isRegularFile(dir.resolve(name))) {
          return null;
        }
        return display.isEmpty() || display.equals(".") ? name : display + "/" + name;
      }

      @Override
      public String read(String name) {
        if (!valid(name)) {
          return null;
        }
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
          return null;
        }
        try {
          return text(Files.readAllBytes(p));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public String describe() {
        return dir.toString();
      }
    };
  }

  /** A classpath root. */
  public static Root classpath(String prefix, ClassLoader loader) {
    String pre = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    return new Root() {
      @Override
      public String read(String name) {
        if (!valid(name)) {
          return null;
        }
        try (InputStream in = loader.getResourceAsStream(pre + name)) {
          return in == null ? null : text(in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public String describe() {
        return "classpath:" + (pre.isEmpty() ? "/" : pre);
      }
    };
  }

  /**
   * Decodes a file as UTF-8. protoc reads bytes and accepts files that are not valid UTF-8 (a
   * Latin-1 comment, say); here such bytes become U+FFFD instead of failing the read.
   */
  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static boolean valid(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\\")) {
      return false;
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String read(String name) {
    String s = inMemory.get(name);
    if (s != null) {
      return s;
    }
    for (Root r : roots) {
      s = r.read(name);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** The path protoc prints for {@code name}: its disk path when found in a directory. */
  public String displayPath(String name) {
    if (inMemory.containsKey(name)) {
      return name;
    }
    for (Root r : roots) {
      if (r.read(name) != null) {
        String d = r.diskPath(name);
        return d == null ? name : d;
      }
    }
    return name;
  }

  @Override
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!inMemory.isEmpty()) {
      parts.add("in-memory sources");
    }
    for (Root r : roots) {
      parts.add(r.describe());
    }
    return String.join(", ", parts);
  }
}
