package io.siteform.providers.content;

import io.siteform.engine.provider.DataRequest;
import io.siteform.engine.provider.DataSource;
import io.siteform.engine.provider.LiveResource;
import io.siteform.error.Operation;
import io.siteform.error.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code local_files}: the site's built files, as {@code aws s3 sync dist/} would see them. The
 * query is {@code {source: absolute folder, cache_control: [{glob, value}, ...]}}; the id is the
 * source path.
 *
 * <p>Attributes: {@code files} maps each file's path relative to the source (forward slashes) to
 * {@code {md5, size, content_type, cache_control}}; {@code digests} maps the same paths to a short
 * hash of (md5, content_type, cache_control), which changes whenever what a viewer receives does;
 * {@code paths} lists the paths, sorted.
 *
 * <p>Nothing outside the source folder is read. A symbolic link to a file or folder inside it is
 * followed (its target is published under the link's path); a link leading outside, a link whose
 * target is missing, a link loop, a special file (a pipe, a device) or a file that cannot be read
 * is an error naming the path.
 */
public final class LocalFilesDataSource implements DataSource {
  public static final String TYPE = "local_files";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean local() {
    return true;
  }

  @Override
  public LiveResource read(DataRequest request) {
    String address = "data." + request.address();
    Object sourceValue = request.query().get("source");
    if (!(sourceValue instanceof String source) || !Path.of(source).isAbsolute()) {
      throw new ProviderException(address, Operation.READ, "the query's source must be an absolute folder path, not " + sourceValue);
    }
    CacheControlRules rules;
    try {
      rules = CacheControlRules.parse(request.query().get("cache_control"));
    } catch (IllegalArgumentException e) {
      throw new ProviderException(address, Operation.READ, e.getMessage() + ": fix content.cache_control in the spec");
    }
    Path root = Path.of(source);
    if (!Files.exists(root)) {
      throw new ProviderException(address, Operation.READ, "the content folder " + root
          + " does not exist: build the site first (for example `npm run build`) or correct content.source");
    }
    if (!Files.isDirectory(root)) {
      throw new ProviderException(address, Operation.READ, root + " is not a folder: content.source must name the folder of the built site");
    }
    List<Found> found = new Walk(address, root).run();
    List<Map.Entry<String, Map<String, Object>>> hashed;
    try {
      hashed = found.parallelStream().map(f -> Map.entry(f.relative(), describe(f, rules))).toList();
    } catch (UncheckedIOException e) {
      throw unreadable(address, e.getCause());
    }
    Map<String, Object> files = new TreeMap<>();
    Map<String, Object> digests = new TreeMap<>();
    for (Map.Entry<String, Map<String, Object>> e : hashed) {
      Map<String, Object> f = e.getValue();
      files.put(e.getKey(), f);
      digests.put(e.getKey(), digest((String) f.get("md5"), (String) f.get("content_type"), (String) f.get("cache_control")));
    }
    return new LiveResource(source, Map.of("files", files, "digests", digests, "paths", List.copyOf(files.keySet())));
  }

  /** A file to publish: its key, and where to read it (the same file, reached without a link's help or with it). */
  private record Found(String relative, Path path) {}

  /** One read buffer per hashing thread: a new 64 KiB array per file was 128 MB of garbage for 2,000 files. */
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

  private static Map<String, Object> describe(Found f, CacheControlRules rules) {
    MessageDigest md5 = md5();
    long size = 0;
    byte[] buffer = BUFFER.get();
    try (InputStream in = Files.newInputStream(f.path())) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        md5.update(buffer, 0, n);
        size += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(new FileReadException(f.relative(), e));
    }
    String name = f.relative().substring(f.relative().lastIndexOf('/') + 1);
    return Map.of(
        "md5", HexFormat.of().formatHex(md5.digest()),
        "size", size,
        "content_type", ContentTypes.of(name),
        "cache_control", rules.valueFor(f.relative()));
  }

  /**
   * A short hash of what a viewer of the file receives: its bytes (by their MD5) and the headers
   * siteform sets. Two digests differ exactly when the file must be invalidated.
   */
  public static String digest(String md5, String contentType, String cacheControl) {
    return io.siteform.engine.resource.ContentDigests.file(md5, contentType, cacheControl);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  private static ProviderException unreadable(String address, IOException e) {
    if (e instanceof FileReadException f) {
      IOException cause = (IOException) f.getCause();
      String why = cause instanceof AccessDeniedException ? "permission denied" : cause.toString();
      return new ProviderException(address, Operation.READ, "cannot read " + f.relative + " in the content folder ("
          + why + "): make it readable by the user running siteform, or remove it", null, null, cause);
    }
    return new ProviderException(address, Operation.READ, "cannot read the content folder: " + e, null, null, e);
  }

  /** A read failure of one file, carrying its relative path to the message. */
  private static final class FileReadException extends IOException {
    private final String relative;

    FileReadException(String relative, IOException cause) {
      super(relative, cause);
      this.relative = relative;
    }
  }

  /** Lists the files under the source folder, checking every symbolic link on the way. */
  private static final class Walk extends SimpleFileVisitor<Path> {
    private final String address;
    private final Path given;
    private final List<Found> found = new ArrayList<>();
    private Path root;

    Walk(String address, Path given) {
      this.address = address;
      this.given = given;
    }

    List<Found> run() {
      try {
        // The folder may itself be a link (dist -> build/dist): what is inside is what counts.
        root = given.toRealPath();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, this);
      } catch (UncheckedIOException e) {
        throw unreadable(address, e.getCause());
      } catch (IOException e) {
        throw unreadable(address, e);
      }
      return found;
    }

    private String relative(Path p) {
      List<String> parts = new ArrayList<>();
      root.relativize(p).forEach(name -> parts.add(name.toString()));
      return String.join("/", parts);
    }

    private void checkLink(Path p) throws IOException {
      if (!Files.isSymbolicLink(p)) return;
      Path target = Files.readSymbolicLink(p);
      Path real;
      try {
        real = p.toRealPath();
      } catch (NoSuchFileException e) {
        throw new ProviderException(address, Operation.READ, "symbolic link " + relative(p) + " in " + given
            + " points to " + target + ", which does not exist: fix or remove the link");
      }
      if (!real.startsWith(root)) {
        throw new ProviderException(address, Operation.READ, "symbolic link " + relative(p) + " in " + given
            + " points outside the content folder, to " + real + ": siteform publishes only what is inside "
            + given + "; copy the file in instead, or remove the link");
      }
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
      if (!dir.equals(root)) checkLink(dir);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      checkLink(file);
      if (!attrs.isRegularFile()) {
        throw new ProviderException(address, Operation.READ, relative(file) + " in " + given
            + " is not a regular file (a pipe, socket or device): remove it from the content folder");
      }
      found.add(new Found(relative(file), file));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      if (e instanceof FileSystemLoopException) {
        throw new ProviderException(address, Operation.READ, "symbolic link " + relative(file) + " in " + given
            + " leads back to a folder that contains it (a loop): remove the link");
      }
      throw unreadable(address, new FileReadException(relative(file), e));
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      if (e != null) throw unreadable(address, new FileReadException(relative(dir), e));
      return FileVisitResult.CONTINUE;
    }
  }
}
