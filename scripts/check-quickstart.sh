#!/usr/bin/env bash
# The quick start as a new user meets it: installs the BOM and the published jars into a local
# repository of their own (never the shared default one), then builds a new project, outside this
# tree, whose POM is the README's Maven snippet and nothing else of ours, with one test in the
# style of the README's first example (a health service hosted in-process).
#
#   scripts/check-quickstart.sh                       # repository: $TMPDIR/grpc-contract-quickstart-m2
#   QUICKSTART_REPO=/work/m2-artifacts scripts/check-quickstart.sh
#
# The first run downloads every dependency into that repository. Exit status 0: the test passed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
repo=${QUICKSTART_REPO:-${TMPDIR:-/tmp}/grpc-contract-quickstart-m2}
project=$(mktemp -d "${TMPDIR:-/tmp}/grpc-contract-quickstart.XXXXXX")

echo "install the published modules into $repo"
mvn -B -q install -DskipTests -Dmaven.repo.local="$repo" -pl bom,compiler,client,junit,assertions -am

# The first ```xml block under "## Using it" in the README.
snippet=$(awk '/^## Using it/ {u=1} u && /^```xml/ {x=1; next} x && /^```/ {exit} x {print}' "$root/README.md")
[[ -n "$snippet" ]] || { echo "no Maven snippet found under '## Using it' in README.md"; exit 2; }

mkdir -p "$project/src/test/java/com/example"
cat > "$project/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>quickstart</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
$snippet
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.13.0</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.2</version>
      </plugin>
    </plugins>
  </build>
</project>
POM

cat > "$project/src/test/java/com/example/HealthContractTest.java" <<'JAVA'
package com.example;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcService;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthContractTest {

  @GrpcService // hosted in-process
  static BindableService health = new HealthStatusManager().getHealthService();

  @Test
  void serving(GrpcClient client) {
    var response = client.invoke("grpc.health.v1.Health/Check", "{\"service\": \"\"}");

    assertThat(response).hasStatus(Status.Code.OK)
        .hasMessageJson("{\"status\": \"SERVING\"}");
    assertThat(client.healthCheck()).isServing();
  }

  @Test
  void unknownService(GrpcClient client) {
    assertThat(client.invoke("grpc.health.v1.Health/Check", Map.of("service", "nope")))
        .isNotFound();
  }
}
JAVA

echo "build the new project in $project"
status=0
(cd "$project" && mvn -B test -Dmaven.repo.local="$repo") >"$project/build.log" 2>&1 || status=$?
grep -E 'Tests run:|BUILD|ERROR' "$project/build.log" || true
[[ $status == 0 ]] && echo "quick start works" || echo "quick start FAILED (project kept in $project)"
exit "$status"
