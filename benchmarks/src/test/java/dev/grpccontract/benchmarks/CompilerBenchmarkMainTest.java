package dev.grpccontract.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

class CompilerBenchmarkMainTest {

  @Test
  void forkedJvmsGetBothTheCorpusAndTheProtocLocation() {
    Properties properties = new Properties();
    properties.setProperty(CompilerWorkload.CORPUS_PROPERTY, "/corpus");
    properties.setProperty(CompilerBenchmark.PROTOC_PROPERTY, "/protoc");

    Options options = CompilerBenchmarkMain.options(properties);

    assertThat(options.getJvmArgsAppend().get())
        .containsExactly("-Dbench.corpus=/corpus", "-Dbench.protoc=/protoc");
  }

  @Test
  void theProtocVariantIsLeftOutWhenProtocIsNotThere() {
    Properties properties = new Properties();
    properties.setProperty(CompilerBenchmark.PROTOC_PROPERTY, "/no/such/protoc");

    Options options = CompilerBenchmarkMain.options(properties);

    assertThat(options.getExcludes())
        .containsExactly("^\\Qdev.grpccontract.benchmarks.CompilerBenchmark.protoc\\E$");
  }

  @Test
  void workloadsCanBeChosen() {
    Properties properties = new Properties();
    properties.setProperty("bench.workloads", "corpus");

    Options options = CompilerBenchmarkMain.options(properties);

    assertThat(options.getParameter("workload").get()).containsExactlyElementsOf(List.of("corpus"));
  }
}
