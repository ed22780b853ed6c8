package org.loraproof.driver.resident;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import jdk.net.ExtendedSocketOptions;
import org.loraproof.circuit.bn254.Fr;
import org.loraproof.circuit.groth16.Groth16Prover;
import org.loraproof.circuit.groth16.Groth16Setup;
import org.loraproof.circuit.groth16.Groth16Verifier;
import org.loraproof.circuit.groth16.Proof;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.SnarkjsJson;
import org.loraproof.circuit.groth16.ZkeyFile;
import org.loraproof.circuit.r1cs.LinearCombination;
import org.loraproof.circuit.r1cs.R1csBuilder;
import org.loraproof.circuit.r1cs.WtnsFile;

/**
 * A resident prover: one JVM that serves {@code loraproof groth16 prove} command lines sent by
 * {@link ResidentProverClient} over a Unix socket. Its kernels stay compiled and the keys it read
 * stay parsed ({@link ProvingKeyCache}), so a proof costs the proving alone instead of a JVM start,
 * the JIT's warm-up and reading the key.
 *
 * <p>Only the user who runs it can use it: the socket file is the owner's alone (mode 0600; the
 * default folder is one only the owner may enter), and each connection's peer must be the same user. Proofs run one at a time, as each uses every
 * core. It stops on {@code stop()}, on SIGINT/SIGTERM, or after {@code idleMillis} without a
 * request, and removes its socket.
 */
public final class ResidentProver implements AutoCloseable {
    /** What a client sends instead of a command line to stop the prover, or to ask how it is. */
    public static final String STOP = "--stop", STATUS = "--status";

    /** Where a request's proving key comes from: its file, or this prover's cache. */
    @FunctionalInterface
    public interface KeySource {
        org.loraproof.circuit.groth16.ProvingKey get(Path zkey) throws IOException;
    }

    /**
     * Runs one request: its arguments, the writer for its error output, its working directory and
     * the key cache; returns the exit code, or null when it cannot run these arguments (the client
     * then runs the command itself).
     */
    @FunctionalInterface
    public interface Requests {
        Integer run(String[] args, PrintWriter err, Path cwd, KeySource keys);
    }
    /** Longest working directory or argument a request may carry, in bytes. */
    private static final int MAX_STRING = 1 << 16;

    private final Path socket;
    private final long idleMillis;
    private final PrintWriter log;
    private final ProvingKeyCache keys;
    private final ReentrantLock proving = new ReentrantLock(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String user = System.getProperty("user.name");
    private final long build;
    private final Requests requests;
    private ServerSocketChannel server;
    private volatile long lastRequest = System.currentTimeMillis();
    private volatile boolean closing;
    private final long started = System.currentTimeMillis();
    private final java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();

    public ResidentProver(Path socket, long idleMillis, long keyCacheBytes, PrintWriter log, Requests requests) {
        this(socket, idleMillis, keyCacheBytes, log, requests, ResidentProverClient.build());
    }

    /** As the other constructor, for a given build (tests stand for a prover of another build). */
    ResidentProver(Path socket, long idleMillis, long keyCacheBytes, PrintWriter log, Requests requests, long build) {
        this.build = build;
        this.requests = requests;
        this.socket = socket.toAbsolutePath();
        this.idleMillis = idleMillis;
        this.log = log;
        this.keys = new ProvingKeyCache(keyCacheBytes);
    }

    /**
     * The socket the launcher and {@code groth16 serve} use when none is given:
     * {@code $LORAPROOF_PROVER_SOCKET}, else {@code prover.sock} in {@code $XDG_RUNTIME_DIR/loraproof}
     * or {@code ~/.cache/loraproof}. {@code bin/loraproof} applies the same rule.
     */
    public static Path defaultSocket() {
        String explicit = System.getenv("LORAPROOF_PROVER_SOCKET");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isEmpty() ? Path.of(runtime)
                : Path.of(System.getProperty("user.home"), ".cache");
        return dir.resolve("loraproof").resolve("prover.sock");
    }

    /** Binds the socket and starts serving; fails when another resident prover already answers there. */
    public void start() throws IOException {
        Path dir = socket.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX filesystem; the peer check below still applies
            }
        }
        if (Files.exists(socket)) {
            if (answers(socket)) {
                throw new IllegalStateException("a resident prover already listens on " + socket
                        + " (stop it with: loraproof groth16 serve --stop --socket " + socket + ")");
            }
            Files.delete(socket); // left by a prover that was killed
        }
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            server.close();
            throw new IOException(socket + ": cannot listen there (" + e.getMessage() + ")", e);
        }
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX filesystem; the peer check still applies
        }
        Thread accept = new Thread(this::acceptLoop, "loraproof-resident-prover");
        accept.start();
        if (idleMillis > 0) {
            Thread idle = new Thread(this::idleWatch, "loraproof-resident-prover-idle");
            idle.setDaemon(true);
            idle.start();
        }
    }

    /** Proves a small circuit a few times so that the first real proof finds the prover's code compiled. */
    public void warmUp() {
        proving.lock();
        try {
            proveSmallCircuit();
        } finally {
            proving.unlock();
        }
    }

    private static void proveSmallCircuit() {
        R1csBuilder b = new R1csBuilder();
        LinearCombination y = b.publicInput("x", () -> Fr.of(3));
        for (int i = 0; i < (1 << 13) - 2; i++) {
            LinearCombination prev = y;
            LinearCombination next = b.witness("y", () -> b.value(prev).square());
            b.enforce("square", prev, prev, next);
            y = next;
        }
        // through the file formats too, so that the first request's reading is compiled as well
        ProvingKey pk = ZkeyFile.read(ZkeyFile.toBytes(Groth16Setup.generate(b.r1cs())), "warm-up.zkey");
        long[] z = WtnsFile.read(WtnsFile.toBytes(b.assignment()), "warm-up.wtns");
        java.security.SecureRandom rng = Groth16Prover.blindingRandom();
        for (int i = 0; i < 4; i++) {
            Proof proof = Groth16Prover.prove(pk, z, rng);
            if (!Groth16Verifier.verify(pk.verificationKey(), Groth16Prover.publicSignals(pk, z), proof).valid()) {
                throw new IllegalStateException("the warm-up proof does not verify");
            }
            // and the JSON a request writes (the first request's check took ~0.2 s without it)
            try {
                SnarkjsJson.JSON.writeValueAsBytes(SnarkjsJson.proof(proof));
                SnarkjsJson.JSON.writeValueAsBytes(SnarkjsJson.publicSignals(Groth16Prover.publicSignals(pk, z)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Blocks until the prover has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops accepting requests and removes the socket; returns once the proofs under way or already
     * waiting have finished (a request that comes later is declined, and its client proves itself).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (stopped.getCount() == 0) {
                return;
            }
            try {
                if (server != null) {
                    server.close();
                }
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                log.println("loraproof: could not remove " + socket + ": " + e.getMessage());
            }
            proving.lock(); // a proof under way (and those already waiting) finish and answer first
            try {
                closing = true;
            } finally {
                proving.unlock();
            }
            stopped.countDown();
        }
    }

    /** Whether a resident prover answers at {@code socket}. */
    static boolean answers(Path socket) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.println("loraproof: resident prover: " + e.getMessage());
                close();
                return;
            }
            Thread t = new Thread(() -> serve(client), "loraproof-resident-prover-request");
            t.setDaemon(true);
            t.start();
        }
    }

    private void idleWatch() {
        while (stopped.getCount() > 0) {
            long wait = lastRequest + idleMillis - System.currentTimeMillis();
            if (wait <= 0 && !proving.isLocked()) {
                log.printf("loraproof: resident prover idle for %d min; stopping%n", idleMillis / 60_000);
                close();
                return;
            }
            try {
                Thread.sleep(Math.max(1000, Math.min(wait, 60_000)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(client));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
            if (!sameUser(client)) {
                exit(out, ResidentProverClient.NOT_SERVED);
                return;
            }
            if (in.readInt() != ResidentProverClient.MAGIC) { // a client of another protocol: it proves itself
                exit(out, ResidentProverClient.NOT_SERVED);
                // take what it is still sending (up to 1 MiB), so that its writes do not fail before it reads the answer
                client.shutdownOutput();
                byte[] rest = new byte[1 << 12];
                for (int total = 0; total < 1 << 20; ) {
                    int n = in.read(rest);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
                return;
            }
            long clientBuild = in.readLong();
            String dir = ResidentProverClient.readString(in, MAX_STRING);
            int n = in.readInt();
            if (dir == null || n < 0 || n > 64) {
                return;
            }
            Path cwd = Path.of(dir);
            String[] args = new String[n];
            for (int i = 0; i < n; i++) {
                args[i] = ResidentProverClient.readString(in, MAX_STRING);
                if (args[i] == null) {
                    return;
                }
            }
            lastRequest = System.currentTimeMillis();
            if (n == 1 && args[0].equals(STOP)) {
                log.println("loraproof: resident prover stopped on request");
                exit(out, 0);
                close();
                return;
            }
            if (n == 1 && args[0].equals(STATUS)) {
                PrintWriter status = new PrintWriter(new OutputStreamWriter(new FrameStream(out, ResidentProverClient.OUT),
                        StandardCharsets.UTF_8), true);
                status.printf("resident prover at %s: pid %d, up %d min, %d proof(s), %d key(s) held (%d MiB)%s%n", socket,
                        ProcessHandle.current().pid(), (System.currentTimeMillis() - started) / 60_000, served.get(),
                        keys.size(), keys.bytes() >> 20, clientBuild != build ? "; another build than this client's" : "");
                exit(out, 0);
                return;
            }
            PrintWriter err = new PrintWriter(new OutputStreamWriter(new FrameStream(out, ResidentProverClient.ERR),
                    StandardCharsets.UTF_8), true);
            if (clientBuild != build) {
                err.println("loraproof: the resident prover at " + socket + " runs another build of loraproof; proving in"
                        + " this process instead (restart it: loraproof groth16 serve --stop, then serve again)");
                exit(out, ResidentProverClient.NOT_SERVED);
                return;
            }
            long t0 = System.nanoTime();
            proving.lock(); // held until the answer is sent: a stop waits for it
            try {
                Integer result = closing ? null : requests.run(args, err, cwd, keys::get);
                int code = result == null ? ResidentProverClient.NOT_SERVED : result;
                lastRequest = System.currentTimeMillis();
                err.flush();
                if (code != ResidentProverClient.NOT_SERVED) { // paths and timings only: nothing secret
                    served.incrementAndGet();
                    log.printf("%s  exit %d  %.2f s  (in %s)%n", String.join(" ", args), code,
                            (System.nanoTime() - t0) / 1e9, cwd);
                }
                exit(out, code);
            } finally {
                proving.unlock();
            }
        } catch (IOException e) {
            // the client went away; a proof it asked for was still written (atomically)
        }
    }

    private static void exit(DataOutputStream out, int code) throws IOException {
        out.writeByte(ResidentProverClient.EXIT);
        out.writeInt(code);
        out.flush();
    }

    private boolean sameUser(SocketChannel client) {
        try {
            var peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return Objects.equals(peer.user().getName(), user);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Standard error of a request, as frames of the answer. */
    private static final class FrameStream extends OutputStream {
        private final DataOutputStream out;
        private final byte kind;

        FrameStream(DataOutputStream out, byte kind) {
            this.out = out;
            this.kind = kind;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (out) {
                out.writeByte(kind);
                out.writeInt(len);
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
