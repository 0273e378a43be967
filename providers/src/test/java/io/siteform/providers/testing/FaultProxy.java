package io.siteform.providers.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fault-injecting HTTP/1.1 proxy between siteform and a {@link MotoServer}, on loopback: AWS's
 * bad days on demand. Every request is read whole (Content-Length or chunked bodies passed through
 * byte for byte; {@code Expect: 100-continue} answered here, so moto never sees it) and forwarded
 * on a fresh connection; moto's answer goes back re-framed with a Content-Length. On the way it
 * may be replaced by a fault:
 *
 * <ul>
 *   <li>{@link Fault#INTERNAL_ERROR}, {@link Fault#SLOW_DOWN}, {@link Fault#THROTTLING}: answered here,
 *       never forwarded, with the status and body the service's SDK parses (S3, CloudFront,
 *       Route53, IAM and STS XML; ACM JSON 1.1). SlowDown is S3's throttling; elsewhere it is a 503
 *       ServiceUnavailable. Throttling on S3 is SlowDown.
 *   <li>{@link Fault#EXPIRED_TOKEN}: answered here, 403 ExpiredToken, which no SDK retries: the run
 *       ends there, as when CI's session credentials run out (or siteform is killed) mid-call.
 *   <li>{@link Fault#NO_SUCH_BUCKET}: answered here, S3's 404 NoSuchBucket, as a configuration call
 *       answers when it reaches a part of S3 that does not know yet a bucket made a moment ago
 *       (the launcher's {@code s3_bucket_propagation} models it on whichever call comes first;
 *       this picks the call).
 *   <li>{@link Fault#CUT}: forwarded (it takes effect), then the headers and half the body are sent
 *       and the connection closed.
 *   <li>{@link Fault#GARBLED}: forwarded, then a well-framed answer of the first half of the body
 *       (an unparseable document, or an empty one).
 *   <li>{@link Fault#EMPTY}: forwarded, then moto's status and headers with no body at all.
 *   <li>{@link Fault#LOST_ANSWER}: forwarded, then a 500 InternalError instead of moto's answer.
 * </ul>
 *
 * Random faults ({@link #random}) come from a seeded RNG at a rate, over any request; targeted
 * ones ({@link #loseAnswer}) hit the first requests matching a {@link Request} predicate.
 * Bounded: after {@code maxRequests} every request is answered 500 and {@link #overflowed}
 * says so; closing stops the listener and every connection.
 */
public final class FaultProxy implements AutoCloseable {
  /** What the proxy can do to one request. */
  public enum Fault { INTERNAL_ERROR, SLOW_DOWN, THROTTLING, EXPIRED_TOKEN, NO_SUCH_BUCKET, CUT, GARBLED, EMPTY, LOST_ANSWER }

  /** One request as siteform sent it: enough to match an operation. */
  public record Request(String service, String method, String target, Map<String, String> headers, String body) {
    /** The path without the query. */
    public String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    /** The query string, "" if none. */
    public String query() {
      int q = target.indexOf('?');
      return q < 0 ? "" : target.substring(q + 1);
    }

    /** The operation name of a query (IAM, STS: {@code Action=}) or JSON 1.1 ({@code X-Amz-Target}) call. */
    public String action() {
      String t = headers.get("x-amz-target");
      if (t != null) return t.substring(t.indexOf('.') + 1);
      for (String p : (query() + "&" + body).split("&")) {
        if (p.startsWith("Action=")) return p.substring("Action=".length());
      }
      return "";
    }

    @Override
    public String toString() {
      String a = action();
      return service + " " + method + " " + target + (a.isEmpty() ? "" : " " + a);
    }
  }

  private static final byte[] CRLF = {'\r', '\n'};

  private final URI upstream;
  private final int maxRequests;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final ConcurrentMap<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<Target> targets = new CopyOnWriteArrayList<>();
  private volatile Random random = new Random(0);
  private volatile double rate;
  private volatile List<Fault> kinds = List.of();
  private volatile boolean overflowed;
  private volatile boolean closed;

  private record Target(Predicate<Request> matches, Fault fault, AtomicInteger left) {}

  /** A proxy to {@code upstream} ({@code http://host:port}) on a free loopback port. */
  public FaultProxy(URI upstream, int maxRequests) {
    this.upstream = upstream;
    this.maxRequests = maxRequests;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on loopback: " + e.getMessage(), e);
    }
    threads.execute(this::accept);
  }

  /** Where siteform should send its requests. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Clients whose every request goes through this proxy, as {@link MotoServer#newClients} for moto itself. */
  public io.siteform.providers.aws.AwsClients newClients() {
    return new io.siteform.providers.aws.AwsClients(java.util.Optional.of(endpoint()), java.util.Optional.empty());
  }

  /** Random faults from now on: each request, with probability {@code rate}, gets one of {@code kinds}. */
  public FaultProxy random(long seed, double rate, Fault... kinds) {
    this.random = new Random(seed);
    this.kinds = List.of(kinds);
    this.rate = rate;
    return this;
  }

  /** The next {@code times} requests matching {@code matches} take effect in moto but lose their answer. */
  public FaultProxy loseAnswer(Predicate<Request> matches, int times) {
    return inject(matches, Fault.LOST_ANSWER, times);
  }

  /**
   * The next request matching {@code matches} takes effect in moto but loses its answer, and the
   * SDK's retry of it is refused (403 ExpiredToken): the run never learns what it made.
   */
  public FaultProxy loseAnswerAndStop(Predicate<Request> matches) {
    inject(matches, Fault.LOST_ANSWER, 1);
    return inject(matches, Fault.EXPIRED_TOKEN, 1);
  }

  /** The next {@code times} requests matching {@code matches} get {@code fault}. */
  public FaultProxy inject(Predicate<Request> matches, Fault fault, int times) {
    targets.add(new Target(matches, fault, new AtomicInteger(times)));
    return this;
  }

  /** What a request held by {@link #hold} saw: whether the requests it waited for came while it was held. */
  public static final class Hold {
    private final java.util.concurrent.CountDownLatch awaited;
    private final java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean met;

    private Hold(int count) {
      this.awaited = new java.util.concurrent.CountDownLatch(count);
    }

    /** Whether a request was held, and every request awaited arrived before it was let go. */
    public boolean metWhileHeld() {
      return held.get() && met;
    }
  }

  /**
   * Holds the first request matching {@code held}, before forwarding it, until {@code count}
   * requests matching {@code awaited} have arrived (or 5 s have passed): the test that two calls
   * are made at once, not the second after the first's answer, which would never come.
   */
  public Hold hold(Predicate<Request> held, Predicate<Request> awaited, int count) {
    Hold hold = new Hold(count);
    targets.add(new Target(r -> {
      if (awaited.test(r)) hold.awaited.countDown();
      if (held.test(r) && hold.held.compareAndSet(false, true)) {
        try {
          hold.met = hold.awaited.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return false;
    }, Fault.INTERNAL_ERROR, new AtomicInteger(1)));
    return hold;
  }

  /** No more faults: random or targeted. */
  public FaultProxy off() {
    rate = 0;
    targets.clear();
    return this;
  }

  /** Requests seen. */
  public int requests() {
    return requests.get();
  }

  /** Faults injected of {@code kind}. */
  public int injected(Fault kind) {
    return injected.getOrDefault(kind, new AtomicInteger()).get();
  }

  /** Faults injected of every kind. */
  public int injected() {
    return injected.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** "CUT s3 PUT /bucket?versioning" for every fault injected, in order. */
  public List<String> log() {
    return List.copyOf(log);
  }

  /** A request arriving ({@code answered} false) or answered by moto (true), in the order they happened. */
  public record Seen(boolean answered, Request request) {}

  /** The recording of every request forwarded to moto: when each arrived and when moto answered it. */
  public List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /** Whether a request arrived after {@code maxRequests}: the test ran away. */
  public boolean overflowed() {
    return overflowed;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        if (!closed) log.add("accept failed: " + e.getMessage());
        return;
      }
    }
  }

  /** Serves one client connection, request after request (the SDK keeps connections alive). */
  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (!closed) {
        Http.Message request = Http.read(in, true, false, out);
        if (request == null) return;
        if (!answer(request, out)) return;
      }
    } catch (IOException e) {
      // the client went away, or we cut it off
    } finally {
      sockets.remove(client);
    }
  }

  /** Answers one request; false when the connection is to be closed. */
  private boolean answer(Http.Message request, OutputStream out) throws IOException {
    Request r = describe(request);
    if (requests.incrementAndGet() > maxRequests) {
      overflowed = true;
      send(out, error(r, Fault.INTERNAL_ERROR), true);
      return true;
    }
    Fault fault = choose(r);
    if (fault == Fault.INTERNAL_ERROR || fault == Fault.SLOW_DOWN || fault == Fault.THROTTLING
        || fault == Fault.EXPIRED_TOKEN || fault == Fault.NO_SUCH_BUCKET) {
      count(fault, r);
      send(out, error(r, fault), true);
      return true;
    }
    seen.add(new Seen(false, r));
    Http.Message response = forward(request);
    seen.add(new Seen(true, r));
    if (fault == null) {
      send(out, response, !r.method().equals("HEAD"));
      return true;
    }
    count(fault, r);
    switch (fault) {
      case LOST_ANSWER -> send(out, error(r, Fault.INTERNAL_ERROR), true);
      case GARBLED -> {
        byte[] half = java.util.Arrays.copyOf(response.body(), response.body().length / 2);
        send(out, new Http.Message(response.startLine(), response.headers(), half), true);
      }
      case EMPTY -> send(out, new Http.Message(response.startLine(), response.headers(), new byte[0]), true);
      case CUT -> {
        // The whole answer's framing, half its body, then the connection is gone.
        out.write(Http.head(response, !r.method().equals("HEAD")));
        out.write(response.body(), 0, response.body().length / 2);
        out.flush();
        return false;
      }
      default -> throw new IllegalStateException(fault.name());
    }
    return true;
  }

  private Fault choose(Request r) {
    for (Target t : targets) {
      if (t.left().get() > 0 && t.matches().test(r) && t.left().getAndDecrement() > 0) return t.fault();
    }
    List<Fault> k = kinds;
    if (rate <= 0 || k.isEmpty()) return null;
    synchronized (this) {
      if (random.nextDouble() >= rate) return null;
      return k.get(random.nextInt(k.size()));
    }
  }

  private void count(Fault fault, Request r) {
    injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
    log.add(fault + " " + r);
  }

  private Http.Message forward(Http.Message request) throws IOException {
    try (Socket moto = new Socket()) {
      moto.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 5_000);
      moto.setSoTimeout(120_000);
      List<String[]> headers = new ArrayList<>();
      for (String[] h : request.headers()) {
        String name = h[0].toLowerCase(Locale.ROOT);
        if (!name.equals("expect") && !name.equals("connection")) headers.add(h);
      }
      headers.add(new String[] {"Connection", "close"});
      OutputStream out = moto.getOutputStream();
      out.write(Http.head(new Http.Message(request.startLine(), headers, request.body()), false));
      out.write(request.body());
      out.flush();
      String method = request.startLine().split(" ", 2)[0];
      return Http.read(moto.getInputStream(), false, method.equals("HEAD"), null);
    }
  }

  private static void send(OutputStream out, Http.Message response, boolean reframe) throws IOException {
    out.write(Http.head(response, reframe));
    out.write(response.body());
    out.flush();
  }

  private static Request describe(Http.Message m) {
    String[] line = m.startLine().split(" ");
    Map<String, String> headers = new java.util.TreeMap<>();
    for (String[] h : m.headers()) headers.put(h[0].toLowerCase(Locale.ROOT), h[1]);
    String service = "";
    String auth = headers.getOrDefault("authorization", "");
    int c = auth.indexOf("Credential=");
    if (c >= 0) {
      String[] scope = auth.substring(c + "Credential=".length()).split("[/,]");
      if (scope.length > 3) service = scope[3];
    }
    String body = m.body().length > 64 * 1024 ? "" : new String(m.body(), StandardCharsets.UTF_8);
    return new Request(service, line[0], line.length > 1 ? line[1] : "/", headers, body);
  }

  /** AWS's error answer for {@code fault} as {@code r}'s service spells it. */
  static Http.Message error(Request r, Fault fault) {
    boolean s3 = r.service().equals("s3");
    int status;
    String code;
    if (fault == Fault.INTERNAL_ERROR) {
      status = 500;
      code = r.service().equals("acm") ? "InternalFailure" : "InternalError";
    } else if (fault == Fault.EXPIRED_TOKEN) {
      status = 403;
      code = r.service().equals("acm") ? "ExpiredTokenException" : "ExpiredToken";
    } else if (fault == Fault.NO_SUCH_BUCKET) {
      status = 404;
      code = "NoSuchBucket";
    } else if (s3) {
      status = 503;
      code = "SlowDown";
    } else if (fault == Fault.SLOW_DOWN) {
      status = 503;
      code = "ServiceUnavailable";
    } else {
      status = 400;
      code = r.service().equals("acm") ? "ThrottlingException" : "Throttling";
    }
    String message = "injected by FaultProxy";
    String requestId = "fault-" + Long.toHexString(System.nanoTime());
    String body;
    String type;
    if (r.service().equals("acm")) {
      type = "application/x-amz-json-1.1";
      body = "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}";
    } else if (s3) {
      type = "application/xml";
      body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
          + "</Message><RequestId>" + requestId + "</RequestId></Error>";
    } else {
      // CloudFront, Route53 (REST-XML) and IAM, STS (query) share this shape.
      type = "text/xml";
      body = "<?xml version=\"1.0\"?>\n<ErrorResponse><Error><Type>" + (status >= 500 ? "Receiver" : "Sender")
          + "</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error><RequestId>" + requestId
          + "</RequestId></ErrorResponse>";
    }
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Content-Type", type});
    headers.add(new String[] {"x-amzn-RequestId", requestId});
    if (r.service().equals("acm")) headers.add(new String[] {"x-amzn-ErrorType", code});
    if (s3) headers.add(new String[] {"x-amz-request-id", requestId});
    String reason = switch (status) {
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      default -> "Bad Request";
    };
    return new Http.Message("HTTP/1.1 " + status + " " + reason, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }

  /** Just enough HTTP/1.1 to read and write one message. */
  static final class Http {
    private Http() {}

    record Message(String startLine, List<String[]> headers, byte[] body) {
      String header(String name) {
        for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) return h[1];
        return null;
      }
    }

    /**
     * Reads one message, or null at a clean end of stream. A request's chunked body is kept
     * chunked (moto reads it so); a response's is decoded. {@code continueTo}: where to send
     * {@code 100 Continue} when a request expects it.
     */
    static Message read(InputStream in, boolean isRequest, boolean headResponse, OutputStream continueTo)
        throws IOException {
      String start = line(in);
      while (!isRequest && start != null && start.matches("HTTP/1\\.\\d 1\\d\\d.*")) {
        while (!line(in).isEmpty()) {} // an interim answer: skip it
        start = line(in);
      }
      if (start == null || start.isEmpty()) return null;
      List<String[]> headers = new ArrayList<>();
      for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
        int colon = l.indexOf(':');
        headers.add(new String[] {l.substring(0, colon).trim(), l.substring(colon + 1).trim()});
      }
      Message head = new Message(start, headers, new byte[0]);
      if (continueTo != null && "100-continue".equalsIgnoreCase(head.header("Expect"))) {
        continueTo.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        continueTo.flush();
      }
      String status = isRequest ? "" : start.split(" ")[1];
      if (headResponse || status.equals("204") || status.equals("304")) return head;
      String length = head.header("Content-Length");
      String te = head.header("Transfer-Encoding");
      byte[] body;
      if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
        body = chunked(in, isRequest);
        if (!isRequest) headers.removeIf(h -> h[0].equalsIgnoreCase("Transfer-Encoding"));
      } else if (length != null) {
        body = in.readNBytes(Integer.parseInt(length));
      } else {
        body = isRequest ? new byte[0] : in.readAllBytes();
      }
      return new Message(start, headers, body);
    }

    /** A chunked body: raw (chunk framing and trailers kept) or decoded. */
    private static byte[] chunked(InputStream in, boolean raw) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        String size = line(in);
        if (size == null) throw new SocketException("chunked body cut off");
        if (raw) out.write((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
        int semi = size.indexOf(';');
        int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        if (n == 0) {
          for (String t = line(in); t != null; t = line(in)) {
            if (raw) out.write((t + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (t.isEmpty()) break;
          }
          return out.toByteArray();
        }
        out.write(in.readNBytes(n));
        line(in);
        if (raw) out.write(CRLF);
      }
    }

    /**
     * The start line and headers of {@code m}, ending in the blank line; {@code reframe}: with a
     * Content-Length of {@code m}'s body in place of the message's own framing.
     */
    static byte[] head(Message m, boolean reframe) {
      StringBuilder b = new StringBuilder(m.startLine()).append("\r\n");
      for (String[] h : m.headers()) {
        if (reframe && h[0].equalsIgnoreCase("Content-Length")) continue;
        b.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      if (reframe) b.append("Content-Length: ").append(m.body().length).append("\r\n");
      return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c = in.read(); ; c = in.read()) {
        if (c < 0) return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
        if (c == '\n') break;
        b.write(c);
      }
      byte[] bytes = b.toByteArray();
      int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
      return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
    }
  }

  /** Every fault of the random kinds: what AWS and the network do on a bad day. */
  public static Fault[] randomKinds() {
    return EnumSet.of(Fault.INTERNAL_ERROR, Fault.SLOW_DOWN, Fault.THROTTLING, Fault.CUT, Fault.GARBLED)
        .toArray(Fault[]::new);
  }
}
