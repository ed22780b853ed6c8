# Sourced by bin/loraproof and bin/spark-env.sh: the one place that lays out loraproof's own SPARK_HOME
# (driver/target/spark-home; this machine has no Spark installation). Its jars/ holds links to the
# classpath's Spark, Hadoop and library jars (not loraproof's own, which the application jar brings),
# as a Spark distribution's jars folder, and a copy of the classpath it was made from: the layout is
# fresh when that copy equals driver/target/classpath.txt, whatever the folders' times. It is made
# beside and moved into place, so a half-made folder is never taken for a layout. A SPARK_HOME set
# by the user (a real installation) is left alone.
loraproof_spark_home() { # <repository root>
  local root="$1" cp_file="$1/driver/target/classpath.txt" home="$1/driver/target/spark-home"
  export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
  if [ -n "${SPARK_HOME:-}" ] && [ "$SPARK_HOME" != "$home" ]; then return 0; fi
  export SPARK_HOME="$home"
  cmp -s "$cp_file" "$home/jars/.classpath" && return 0
  local tmp="$home/.jars.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  tr ':' '\n' < "$cp_file" | grep -v '/org/loraproof/' | while read -r j; do ln -sf "$j" "$tmp/"; done
  cp "$cp_file" "$tmp/.classpath"
  rm -rf "$home/jars" && mv "$tmp" "$home/jars"
}
