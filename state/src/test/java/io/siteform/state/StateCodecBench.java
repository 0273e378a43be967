package io.siteform.state;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times {@link StateCodec#toJson} and {@link StateCodec#fromJson} on a large generated state
 * ({@link LargeStates}): the first call of a fresh JVM (what a siteform run pays) and the median
 * of later ones. Not a test: run it by hand, its classpath being the state module's test
 * classpath, as {@code java -cp ... io.siteform.state.StateCodecBench [files] [runs] [out.json]}.
 * With {@code out.json} it also writes the document there, for the engine's recorder bench.
 */
public final class StateCodecBench {
  private StateCodecBench() {}

  public static void main(String[] args) throws Exception {
    int fileCount = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    State state = LargeStates.site(fileCount);
    StateCodec codec = new StateCodec();

    long t0 = System.nanoTime();
    String json = codec.toJson(state);
    long coldWrite = System.nanoTime() - t0;
    t0 = System.nanoTime();
    State back = codec.fromJson(json, "bench");
    long coldRead = System.nanoTime() - t0;
    if (!back.equals(state)) throw new AssertionError("the state does not read back equal");

    long[] writes = new long[runs];
    long[] reads = new long[runs];
    for (int i = 0; i < runs; i++) {
      t0 = System.nanoTime();
      String again = codec.toJson(state);
      writes[i] = System.nanoTime() - t0;
      if (!again.equals(json)) throw new AssertionError("toJson is not deterministic");
      t0 = System.nanoTime();
      codec.fromJson(json, "bench");
      reads[i] = System.nanoTime() - t0;
    }
    System.out.printf("state of %d files, %d bytes%n", fileCount, json.getBytes(StandardCharsets.UTF_8).length);
    System.out.printf("toJson   first %7.1f ms, median of %d %6.2f ms%n", coldWrite / 1e6, runs, median(writes));
    System.out.printf("fromJson first %7.1f ms, median of %d %6.2f ms%n", coldRead / 1e6, runs, median(reads));
    if (args.length > 2) Files.writeString(Path.of(args[2]), json, StandardCharsets.UTF_8);
  }

  static double median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }
}
