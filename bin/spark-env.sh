# Sourced by bin/dev-cluster and bin/spark-submit: Spark from the Maven classpath (this machine has no
# Spark installation). Builds the command line and the application jar when missing or stale, and lays
# out $SPARK_HOME/jars (links to the classpath's Spark, Hadoop and library jars, not loraproof's own,
# which come with the application jar), as a Spark distribution's jars folder.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app_jar="$root/driver/target/loraproof-spark.jar"
cp_file="$root/driver/target/classpath.txt"
if [ -z "${LORAPROOF_NO_BUILD:-}" ]; then
  "$root/bin/loraproof" --version > /dev/null # builds on first use and whenever a source changed
fi
[ -f "$app_jar" ] && [ -f "$cp_file" ] || { echo "$(basename "$0"): $app_jar is missing: run bin/loraproof --version to build" >&2; exit 1; }
export SPARK_HOME="${SPARK_HOME:-$root/driver/target/spark-home}" SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
if [ ! -d "$SPARK_HOME/jars" ] || [ "$cp_file" -nt "$SPARK_HOME/jars" ]; then
  rm -rf "$SPARK_HOME/jars" && mkdir -p "$SPARK_HOME/jars"
  tr ':' '\n' < "$cp_file" | grep -v '/org/loraproof/' | while read -r j; do ln -sf "$j" "$SPARK_HOME/jars/"; done
fi
spark_opens="--add-modules jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
spark_log="-Dlog4j2.configurationFile=$root/conf/log4j2.properties"
