# Sourced by bin/dev-cluster and bin/spark-submit: Spark from the Maven classpath (this machine has no
# Spark installation). Builds the command line and the application jar when missing or stale, and
# lays out $SPARK_HOME (bin/spark-home.sh).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app_jar="$root/driver/target/loraproof-spark.jar"
cp_file="$root/driver/target/classpath.txt"
if [ -z "${LORAPROOF_NO_BUILD:-}" ]; then
  "$root/bin/loraproof" --version > /dev/null # builds on first use and whenever a source changed
fi
[ -f "$app_jar" ] && [ -f "$cp_file" ] || { echo "$(basename "$0"): $app_jar is missing: run bin/loraproof --version to build" >&2; exit 1; }
source "$root/bin/spark-home.sh"
loraproof_spark_home "$root"
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
