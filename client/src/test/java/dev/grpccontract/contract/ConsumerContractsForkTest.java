package dev.grpccontract.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate JVMs (as surefire forks with {@code forkCount > 1}) writing fragments of one contract
 * file at the same time, beside this JVM's own writes, lose none: the file lock serializes the
 * rebuilds.
 */
class ConsumerContractsForkTest {

  @Test
  void jvmsWritingAtOnceKeepEveryFragment(@TempDir Path dir) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> forks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      forks.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  ForkFragmentWriter.class.getName(),
                  dir.toString(),
                  "Fork" + i,
                  "6")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("fork" + i + ".log").toFile())
              .start());
    }
    ForkFragmentWriter.main(new String[] {dir.toString(), "Here", "6"});
    for (int i = 0; i < forks.size(); i++) {
      Process fork = forks.get(i);
      assertThat(fork.waitFor(120, TimeUnit.SECONDS)).as("fork " + i + " ended").isTrue();
      assertThat(fork.exitValue()).as(Files.readString(dir.resolve("fork" + i + ".log"))).isZero();
    }

    List<String> names = new ArrayList<>();
    Contracts.load(dir.resolve("web-echo.grpc.yaml").toString())
        .get(0)
        .interactions()
        .forEach(interaction -> names.add(interaction.name()));
    assertThat(names).hasSize(24).contains("Fork0-5: Echo", "Fork2-0: Echo", "Here-3: Echo");
  }
}
