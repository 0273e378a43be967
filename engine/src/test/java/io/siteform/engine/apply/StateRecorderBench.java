package io.siteform.engine.apply;

import io.siteform.state.LocalBackend;
import io.siteform.state.ResourceState;
import io.siteform.state.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Times what a re-publish of 20 edits asks of {@link StateRecorder}: the state read before the
 * plan, then {@code put} (and its commit to a {@link LocalBackend}) of the content, the
 * invalidation and the removal, the first time in a fresh JVM and the median of later rounds.
 * Not a test: run it by hand with the engine's test classpath, as {@code java -cp ...
 * io.siteform.engine.apply.StateRecorderBench STATE.json [rounds]}, on a state file such as the
 * one {@code io.siteform.state.StateCodecBench} writes.
 */
public final class StateRecorderBench {
  private StateRecorderBench() {}

  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path dir = Files.createTempDirectory("siteform-bench");
    Path file = dir.resolve("siteform.state.json");
    Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING);

    long[] reads = new long[rounds + 1];
    long[][] puts = new long[3][rounds + 1];
    for (int round = 0; round <= rounds; round++) {
      LocalBackend backend = new LocalBackend(file);
      long t0 = System.nanoTime();
      State initial = backend.read().orElseThrow();
      reads[round] = System.nanoTime() - t0;
      StateRecorder recorder = new StateRecorder(backend, initial);
      String[] order = {"site_content.site", "cloudfront_invalidation.site", "site_content_removal.site"};
      for (int i = 0; i < order.length; i++) {
        ResourceState edited = edited(initial.find(order[i]).orElseThrow(), round);
        t0 = System.nanoTime();
        recorder.put(edited);
        puts[i][round] = System.nanoTime() - t0;
      }
    }
    System.out.printf("read     first %7.1f ms, median of %d %6.2f ms%n", reads[0] / 1e6, rounds, median(reads));
    String[] names = {"put content", "put invalidation", "put removal"};
    for (int i = 0; i < names.length; i++) {
      System.out.printf("%-16s first %7.1f ms, median of %d %6.2f ms%n", names[i], puts[i][0] / 1e6, rounds,
          median(puts[i]));
    }
  }

  /** {@code r} after a publish of 20 edits: 20 of its map attributes' entries changed. */
  @SuppressWarnings("unchecked")
  private static ResourceState edited(ResourceState r, int round) {
    Map<String, Object> attrs = new LinkedHashMap<>(r.attributes());
    for (String name : List.of("files", "versions", "digests")) {
      if (!(attrs.get(name) instanceof Map<?, ?> m)) continue;
      Map<String, Object> next = new TreeMap<>((Map<String, Object>) m);
      List<String> keys = new ArrayList<>(next.keySet());
      for (int e = 0; e < 20 && e < keys.size(); e++) {
        String k = keys.get((e * 97 + round * 13) % keys.size());
        Object v = next.get(k);
        if (v instanceof Map<?, ?> f) {
          Map<String, Object> file = new LinkedHashMap<>((Map<String, Object>) f);
          file.put("md5", String.format("%032x", (long) round * 1000 + e));
          next.put(k, file);
        } else {
          next.put(k, "r" + round + "-" + e);
        }
      }
      attrs.put(name, next);
    }
    if (attrs.get("removed") instanceof Number) attrs.put("removed", (long) round + 1);
    return new ResourceState(r.address(), r.type(), r.region(), r.id(), attrs, r.dependencies());
  }

  private static double median(long[] nanos) {
    long[] s = Arrays.copyOfRange(nanos, 1, nanos.length);
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }
}
