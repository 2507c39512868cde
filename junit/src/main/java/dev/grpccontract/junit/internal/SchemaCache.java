package dev.grpccontract.junit.internal;

import dev.grpccontract.proto.ProtoSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JVM-wide cache of loaded schemas, keyed by source identity (content hashes for files, class
 * names and loader for generated classes). Bounded: the least recently used entry goes first.
 * Thread-safe; a schema being loaded by one thread is awaited, not loaded again, by others.
 */
public final class SchemaCache {

  static final int CAPACITY = 64;

  private static final Map<Object, Entry> ENTRIES =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
          return size() > CAPACITY;
        }
      };

  private SchemaCache() {}

  /** Returns the cached schema for {@code key}, loading it with {@code loader} on a miss. */
  public static ProtoSchema get(Object key, Supplier<ProtoSchema> loader) {
    Entry entry;
    synchronized (ENTRIES) {
      entry = ENTRIES.computeIfAbsent(key, k -> new Entry());
    }
    try {
      return entry.get(loader);
    } catch (RuntimeException | Error e) {
      synchronized (ENTRIES) {
        ENTRIES.remove(key, entry);
      }
      throw e;
    }
  }

  /** Returns how many schemas are cached; for tests. */
  static int size() {
    synchronized (ENTRIES) {
      return ENTRIES.size();
    }
  }

  private static final class Entry {
    private ProtoSchema schema;

    synchronized ProtoSchema get(Supplier<ProtoSchema> loader) {
      if (schema == null) {
        schema = loader.get();
      }
      return schema;
    }
  }
}
